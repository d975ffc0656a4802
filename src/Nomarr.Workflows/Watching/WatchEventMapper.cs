using Nomarr.Components.Walking;
using Nomarr.Helpers.Paths;

namespace Nomarr.Workflows.Watching;

/// <summary>
/// Turns a filesystem event into the folders whose scan brings the database up to date.
/// </summary>
/// <remarks>
/// Implementation notes, from what inotify and .NET's FileSystemWatcher report on Linux:
/// renaming a folder raises one Renamed for the folder and nothing for its files; a folder moved in
/// from outside the root raises only Created; one moved out raises only Deleted; and files written
/// into freshly made folders (`mkdir -p B/C/D; cp x B/C/D`) can arrive before the new folders'
/// watches exist, so they raise nothing at all. Hence a folder that appears is scanned as a whole
/// subtree, and a path that disappears leads to a scan of its parent: a deletion cannot tell a file
/// from a folder, and the parent's scan marks whichever it was missing (or matches it as a move).
/// Paths excluded by a .nomarrignore trigger nothing; a change to a .nomarrignore rescans its folder.
/// </remarks>
public static class WatchEventMapper
{
    /// <summary>
    /// Maps an event as the watcher raised it, with absolute paths under <paramref name="root"/>; what
    /// the path is now (a folder, a file, gone) is looked up on disk.
    /// </summary>
    public static IReadOnlyList<string> FoldersToScan(string root, WatchEventKind kind, string fullPath, string? oldFullPath)
    {
        if (Relative(root, fullPath) is not { } path)
        {
            return [];
        }

        bool? isDirectory = kind == WatchEventKind.Deleted ? null : Directory.Exists(fullPath) ? true : File.Exists(fullPath) ? false : null;
        var oldPath = oldFullPath is null ? null : Relative(root, oldFullPath);
        var excluded = isDirectory is { } directory && IsExcluded(root, path, directory);
        return FoldersToScan(new WatchEvent(kind, path, isDirectory, oldPath, excluded));
    }

    public static IReadOnlyList<string> FoldersToScan(WatchEvent watchEvent)
    {
        ArgumentNullException.ThrowIfNull(watchEvent);
        return watchEvent.Kind switch
        {
            WatchEventKind.Created => watchEvent.Excluded ? [] : Appeared(watchEvent.Path, watchEvent.IsDirectory),
            WatchEventKind.Changed => watchEvent.Excluded || watchEvent.IsDirectory == true ? [] : Changed(watchEvent.Path),
            WatchEventKind.Deleted => Disappeared(watchEvent.Path),
            WatchEventKind.Renamed =>
                [.. Disappeared(watchEvent.OldPath ?? string.Empty), .. watchEvent.Excluded ? [] : Appeared(watchEvent.Path, watchEvent.IsDirectory)],
            _ => [],
        };
    }

    private static IReadOnlyList<string> Appeared(string path, bool? isDirectory)
    {
        if (IsIgnoreFile(path))
        {
            return [PathNormalizer.ParentOf(path)];
        }

        return AppearedMedia(path, isDirectory);
    }

    private static IReadOnlyList<string> AppearedMedia(string path, bool? isDirectory)
    {
        if (path.Length == 0 || MediaFiles.IsIgnoredPath(path))
        {
            return [];
        }

        // A folder's files may have arrived before its watch existed: scan all of it.
        if (isDirectory == true)
        {
            return [path];
        }

        return MediaFiles.IsMedia(FileName(path)) ? [PathNormalizer.ParentOf(path)] : [];
    }

    private static IReadOnlyList<string> Changed(string path) =>
        IsIgnoreFile(path) || (path.Length > 0 && !MediaFiles.IsIgnoredPath(path) && MediaFiles.IsMedia(FileName(path))) ? [PathNormalizer.ParentOf(path)] : [];

    // Gone already, so it may have been a folder ("Vol. 2" has an extension too): only ignored names are dropped.
    // Exclusions are not looked up: whatever it was, a scan of its parent is cheap and right.
    private static IReadOnlyList<string> Disappeared(string path) =>
        path.Length == 0 || (MediaFiles.IsIgnoredPath(path) && !IsIgnoreFile(path)) ? [] : [PathNormalizer.ParentOf(path)];

    // A changed .nomarrignore changes what its folder's subtree holds: rescan all of it.
    private static bool IsIgnoreFile(string path) =>
        FileName(path) == IgnoreRules.FileName && !MediaFiles.IsIgnoredPath(PathNormalizer.ParentOf(path));

    /// <summary>True when a .nomarrignore excludes the path or one of the folders above it (the walk would not list it).</summary>
    private static bool IsExcluded(string root, string path, bool isDirectory) =>
        IgnoreRules.Above(Path.GetFullPath(root), path, isDirectory) is null;

    private static string? Relative(string root, string fullPath)
    {
        try
        {
            return PathNormalizer.RelativeToRoot(root, fullPath);
        }
        catch (InvalidScanPathException)
        {
            return null;
        }
    }

    private static string FileName(string path) => path[(path.LastIndexOf('/') + 1)..];
}
