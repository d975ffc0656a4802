using System.IO.Enumeration;
using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Paths;

namespace Nomarr.Components.Walking;

/// <summary>
/// Lists the audio files under a folder of a library, depth first, without reading them.
/// </summary>
/// <remarks>
/// Size and mtime come from the directory enumeration itself (one getdents plus one stat per
/// entry), so walking costs no more than `find -printf`. Symbolic links to folders are followed
/// once: a link whose target was already visited, or that points to one of its own ancestors,
/// is skipped, so a loop cannot hang the walk.
/// </remarks>
public sealed class DirectoryWalker
{
    private static readonly EnumerationOptions Options = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = false,
        AttributesToSkip = 0,
        ReturnSpecialDirectories = false,
    };

    /// <summary>
    /// Walks <paramref name="folder"/> (root-relative, "" = the root). Folders that cannot be read
    /// are added to <paramref name="problems"/> and skipped.
    /// </summary>
    public IEnumerable<WalkEntry> Walk(string root, string folder, ICollection<WalkProblem> problems, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var rootFull = Path.GetFullPath(root);
        var visited = new HashSet<string>(StringComparer.Ordinal) { Canonical(rootFull) };
        var pending = new Stack<string>();
        pending.Push(PathNormalizer.NormalizeRelative(folder));

        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var relative = pending.Pop();
            var full = PathNormalizer.ToFullPath(rootFull, relative);
            var entries = ReadFolder(full, relative, visited, problems);
            if (entries is null)
            {
                continue;
            }

            // Push subfolders in reverse so that they are visited in name order.
            for (var i = entries.Folders.Count - 1; i >= 0; i--)
            {
                pending.Push(Join(relative, entries.Folders[i]));
            }

            foreach (var file in entries.Files)
            {
                yield return file with { Path = Join(relative, file.Path) };
            }
        }
    }

    private static FolderEntries? ReadFolder(string full, string relative, HashSet<string> visited, ICollection<WalkProblem> problems)
    {
        var result = new FolderEntries();
        try
        {
            var enumerable = new FileSystemEnumerable<(string Name, bool IsDirectory, bool IsLink, long Size, DateTime Mtime)>(
                full,
                (ref FileSystemEntry entry) => (
                    entry.FileName.ToString(),
                    entry.IsDirectory,
                    (entry.Attributes & FileAttributes.ReparsePoint) != 0,
                    entry.IsDirectory ? 0 : entry.Length,
                    entry.LastWriteTimeUtc.UtcDateTime),
                Options);

            foreach (var (name, isDirectory, isLink, size, mtime) in enumerable)
            {
                if (MediaFiles.IsIgnoredName(name))
                {
                    continue;
                }

                if (isDirectory)
                {
                    if (!isLink || FirstVisitOfLink(Path.Combine(full, name), visited))
                    {
                        result.Folders.Add(name);
                    }
                }
                else if (MediaFiles.IsAudio(name))
                {
                    result.Files.Add(new WalkEntry(name, size, UnixTime.ToNanos(mtime)));
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            problems.Add(new WalkProblem(relative, ex.Message));
            return null;
        }

        result.Folders.Sort(StringComparer.Ordinal);
        result.Files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return result;
    }

    private static bool FirstVisitOfLink(string linkPath, HashSet<string> visited)
    {
        var target = Directory.ResolveLinkTarget(linkPath, returnFinalTarget: true);
        if (target is null || !target.Exists)
        {
            return false;
        }

        var canonical = Canonical(target.FullName);
        var linkParent = Canonical(Path.GetDirectoryName(linkPath)!);
        var isAncestor = linkParent.StartsWith(canonical.TrimEnd('/') + "/", StringComparison.Ordinal) || linkParent == canonical;
        return !isAncestor && visited.Add(canonical);
    }

    private static string Canonical(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));

    private static string Join(string folder, string name) => folder.Length == 0 ? name : folder + "/" + name;

    private sealed class FolderEntries
    {
        public List<string> Folders { get; } = [];

        public List<WalkEntry> Files { get; } = [];
    }
}
