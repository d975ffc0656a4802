namespace Nomarr.Components.Walking;

/// <summary>
/// An audio file found by the walker: its stored path, size and mtime (Unix nanoseconds). With a
/// <see cref="Report"/>, the entry is not a file to read but a finding to report under that path: a name
/// that is not valid UTF-8 (it cannot be stored or opened as text), or an ignore file that was not used.
/// </summary>
public readonly record struct WalkEntry(string Path, long Size, long MtimeNs, WalkReport? Report = null);

/// <summary>What the walker reports of a path it cannot list as a file: a failure kind and a one-line reason.</summary>
public sealed record WalkReport(string Kind, string Reason);
