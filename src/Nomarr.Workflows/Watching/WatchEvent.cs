namespace Nomarr.Workflows.Watching;

/// <summary>
/// One filesystem event in a library, with root-relative POSIX paths. <see cref="IsDirectory"/> is
/// what the path was when the event was handled: null when it is gone already (always for a deletion).
/// </summary>
public sealed record WatchEvent(WatchEventKind Kind, string Path, bool? IsDirectory = false, string? OldPath = null);
