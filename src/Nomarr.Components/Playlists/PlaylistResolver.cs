namespace Nomarr.Components.Playlists;

/// <summary>
/// Resolves playlist entries to stored files of one library. An entry may be relative to the
/// playlist's folder, absolute (inside the root), a file:// URL, percent-encoded, written with
/// Windows separators, or written on another machine (a path that ends in a path of the library);
/// when nothing matches exactly, a match that differs only in case is taken if it is the only one.
/// </summary>
public sealed class PlaylistResolver
{
    private readonly string _root;
    private readonly Dictionary<string, long> _exact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<long>> _folded = new(StringComparer.OrdinalIgnoreCase);

    public PlaylistResolver(string rootPath, IEnumerable<(long Id, string Path)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(rootPath));
        foreach (var (id, path) in files)
        {
            _exact[path] = id;
            (_folded.TryGetValue(path, out var ids) ? ids : _folded[path] = []).Add(id);
        }
    }

    /// <summary>The file id the entry names, or null.</summary>
    public long? Resolve(string playlistPath, string entry)
    {
        ArgumentNullException.ThrowIfNull(playlistPath);
        ArgumentNullException.ThrowIfNull(entry);
        return Resolve(_root, playlistPath, entry, Find);
    }

    /// <summary>
    /// Every library path an entry could name, compared ignoring case: a resolver built from the files
    /// whose paths are among these resolves the entries as one built from every file of the library.
    /// </summary>
    public static HashSet<string> PathsNamedBy(string rootPath, IEnumerable<(string PlaylistPath, string Entry)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(rootPath));
        var paths = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (playlistPath, entry) in entries)
        {
            Resolve(root, playlistPath, entry, path =>
            {
                if (path is not null)
                {
                    paths.Add(path);
                }

                return null;
            });
        }

        return paths;
    }

    private static long? Resolve(string root, string playlistPath, string entry, Func<string?, long?> find)
    {
        foreach (var candidate in Readings(entry))
        {
            if (Locate(root, playlistPath, candidate, find) is { } id)
            {
                return id;
            }
        }

        return null;
    }

    // The entry as written, then percent-decoded (a name may hold a literal '%', so both are tried).
    private static IEnumerable<string> Readings(string entry)
    {
        var text = entry.Trim();
        if (text.StartsWith("file:", StringComparison.OrdinalIgnoreCase) && Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.IsFile)
        {
            yield return Uri.UnescapeDataString(uri.AbsolutePath);
            yield break;
        }

        yield return text;
        if (text.Contains('%', StringComparison.Ordinal))
        {
            yield return Uri.UnescapeDataString(text);
        }
    }

    private static long? Locate(string root, string playlistPath, string text, Func<string?, long?> find)
    {
        var unified = text.Replace('\\', '/');
        var windowsDrive = unified.Length >= 2 && unified[1] == ':' && char.IsAsciiLetter(unified[0]);
        if (unified.StartsWith('/') && !windowsDrive)
        {
            if (unified.StartsWith(root + "/", StringComparison.Ordinal) && find(Normalize(unified[(root.Length + 1)..])) is { } inside)
            {
                return inside;
            }

            return BySuffix(unified, find);
        }

        if (windowsDrive || unified.StartsWith("//", StringComparison.Ordinal))
        {
            return BySuffix(unified, find);
        }

        var folder = playlistPath.Contains('/', StringComparison.Ordinal) ? playlistPath[..playlistPath.LastIndexOf('/')] : string.Empty;
        return Normalize(folder.Length == 0 ? unified : folder + "/" + unified) is { } relative ? find(relative) : null;
    }

    // A path from another machine: the longest tail of it that is a path of the library.
    private static long? BySuffix(string absolute, Func<string?, long?> find)
    {
        var segments = absolute.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var start = 1; start < segments.Length; start++)
        {
            if (find(string.Join('/', segments[start..])) is { } id)
            {
                return id;
            }
        }

        return null;
    }

    private long? Find(string? relative)
    {
        if (relative is null)
        {
            return null;
        }

        if (_exact.TryGetValue(relative, out var id))
        {
            return id;
        }

        return _folded.TryGetValue(relative, out var ids) && ids.Count == 1 ? ids[0] : null;
    }

    private static string? Normalize(string path)
    {
        var segments = new List<string>();
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (segments.Count == 0)
                {
                    return null;
                }

                segments.RemoveAt(segments.Count - 1);
                continue;
            }

            segments.Add(segment);
        }

        return string.Join('/', segments);
    }
}
