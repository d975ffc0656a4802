namespace Nomarr.Components.Walking;

/// <summary>An audio file found by the walker: its stored path, size and mtime (Unix nanoseconds).</summary>
public readonly record struct WalkEntry(string Path, long Size, long MtimeNs);
