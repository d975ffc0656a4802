using Nomarr.Components.FileSystems;
using Nomarr.Helpers.Paths;

namespace Nomarr.Services.Libraries;

/// <summary>
/// The one rule for which folders may become libraries, for the API (which refuses) and the CLI (which
/// warns and needs --force) alike. Indexing and watching "/", "/etc" or "/proc" reads what is not music
/// and uses up the user's inotify watches. Both the path as given and the path with its links resolved
/// are checked, so a link cannot lead into a refused folder; see docs/security.md.
/// </summary>
public static class LibraryRootPolicy
{
    private static readonly string[] SystemTrees =
        ["/proc", "/sys", "/dev", "/run", "/boot", "/etc", "/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/var/lib"];

    /// <summary>Why the folder may not become a library under the rules, or null when it may.</summary>
    /// <remarks>The answer depends only on the path and on folders above it, never on whether the folder itself exists.</remarks>
    public static string? RefusalOf(string path, LibraryRootRules rules)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(rules);
        var given = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        var resolved = FileSystemProbe.Resolve(given);

        // First, so that every folder outside the allowed roots gets the same answer, whatever it is.
        if (rules.AllowedRoots.Count > 0 && !rules.AllowedRoots.Any(root => IsInside(resolved, FileSystemProbe.Resolve(root))))
        {
            return "it is outside the folders this server may add (Http:AllowedRoots)";
        }

        if (!rules.AllowSystemFolders)
        {
            if (IsSystemFolder(given) || IsSystemFolder(resolved))
            {
                return "it is a system folder";
            }

            if (FileSystemProbe.PseudoFileSystem(resolved) is { } pseudo)
            {
                return $"it is on the {pseudo} pseudo-filesystem, which holds the kernel's state, not files";
            }
        }

        return null;
    }

    public static bool IsSystemFolder(string fullPath)
    {
        var path = ToPosix(fullPath);
        return path == "/" || SystemTrees.Any(tree => PathNormalizer.IsUnder(path, tree));
    }

    private static bool IsInside(string path, string root) => ToPosix(root) is var r && (r == "/" || PathNormalizer.IsUnder(ToPosix(path), r));

    private static string ToPosix(string fullPath)
    {
        var path = Path.TrimEndingDirectorySeparator(fullPath).Replace(Path.DirectorySeparatorChar, '/');
        return path.Length == 0 ? "/" : path;
    }
}
