namespace Nomarr.Workflows.Watching;

/// <summary>
/// One filesystem event in a library, with root-relative POSIX paths. <see cref="IsDirectory"/> is
/// what the path was when the event was handled: null when it is gone already (always for a deletion).
/// <see cref="Excluded"/> says that a .nomarrignore file excludes <see cref="Path"/>.
/// </summary>
public sealed record WatchEvent(WatchEventKind Kind, string Path, bool? IsDirectory = false, string? OldPath = null, bool Excluded = false);
