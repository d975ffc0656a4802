namespace Nomarr.Components.Walking;

/// <summary>
/// An audio file found by the walker: its stored path, size and mtime (Unix nanoseconds). When its name
/// (or a folder's) is not valid UTF-8, <see cref="NameBytesHex"/> holds the name's bytes in hex: such a
/// path cannot be stored or opened as text, and the entry is only reported.
/// </summary>
public readonly record struct WalkEntry(string Path, long Size, long MtimeNs, string? NameBytesHex = null);
