namespace Nomarr.Helpers.Paths;

/// <summary>
/// The one place where paths become the POSIX, root-relative form that Nomarr stores.
/// </summary>
public static class PathNormalizer
{
    /// <summary>
    /// Normalizes a path relative to a library root: forward slashes, no empty or "." segments,
    /// no leading or trailing slash; "" is the root itself.
    /// </summary>
    /// <exception cref="InvalidScanPathException">The path is absolute, contains NUL, or leaves the root.</exception>
    public static string NormalizeRelative(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return string.Empty;
        }

        if (path.Contains('\0', StringComparison.Ordinal))
        {
            throw new InvalidScanPathException(path, "it contains a NUL character");
        }

        // On Linux a backslash is an ordinary character in a file name, not a separator.
        var unified = Path.DirectorySeparatorChar == '\\' ? path.Replace('\\', '/') : path;

        // Leading slashes are stripped (the path is relative to the root by contract), but a
        // drive letter or a home folder can only be an absolute path somewhere else.
        if ((unified.Length >= 2 && unified[1] == ':' && char.IsAsciiLetter(unified[0]))
            || unified.StartsWith('~'))
        {
            throw new InvalidScanPathException(path, "it is absolute; give a folder relative to the library root");
        }

        var segments = new List<string>();
        foreach (var segment in unified.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (segments.Count == 0)
                {
                    throw new InvalidScanPathException(path, "it leaves the library root");
                }

                segments.RemoveAt(segments.Count - 1);
                continue;
            }

            segments.Add(segment);
        }

        return string.Join('/', segments);
    }

    /// <summary>Turns an absolute path under <paramref name="root"/> into its stored relative form.</summary>
    /// <exception cref="InvalidScanPathException">The path is not under the root.</exception>
    public static string RelativeToRoot(string root, string fullPath)
    {
        var relative = Path.GetRelativePath(Path.GetFullPath(root), Path.GetFullPath(fullPath));
        if (relative == ".")
        {
            return string.Empty;
        }

        if (Path.IsPathRooted(relative) || relative == ".." || relative.StartsWith("../", StringComparison.Ordinal)
            || relative.StartsWith("..\\", StringComparison.Ordinal))
        {
            throw new InvalidScanPathException(fullPath, "it is outside the library root");
        }

        return NormalizeRelative(relative.Replace(Path.DirectorySeparatorChar, '/'));
    }

    /// <summary>The absolute OS path of a stored relative path under <paramref name="root"/>.</summary>
    public static string ToFullPath(string root, string relativePath)
    {
        var normalized = NormalizeRelative(relativePath);
        return normalized.Length == 0
            ? Path.GetFullPath(root)
            : Path.GetFullPath(Path.Combine(root, normalized.Replace('/', Path.DirectorySeparatorChar)));
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="folder"/> or lies below it.</summary>
    public static bool IsUnder(string path, string folder) =>
        folder.Length == 0
        || (path.StartsWith(folder, StringComparison.Ordinal)
            && (path.Length == folder.Length || path[folder.Length] == '/'));

    /// <summary>The folder part of a stored path ("" for a file at the root).</summary>
    public static string ParentOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? string.Empty : path[..slash];
    }
}
