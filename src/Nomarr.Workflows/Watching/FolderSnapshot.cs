using Nomarr.Helpers.Paths;

namespace Nomarr.Workflows.Watching;

/// <summary>
/// What one poll of a library saw: for each folder that holds audio files, a digest of their names,
/// sizes and mtimes (what a scan compares), and the device the root was on. About 100 bytes per
/// folder, so a 100,000-track library of 10,000 albums keeps about a megabyte.
/// </summary>
public sealed class FolderSnapshot
{
    private readonly Dictionary<string, FolderDigest> _folders;

    internal FolderSnapshot(Dictionary<string, FolderDigest> folders, long? rootDevice, int fileCount)
    {
        _folders = folders;
        RootDevice = rootDevice;
        FileCount = fileCount;
    }

    public long? RootDevice { get; }

    public int FileCount { get; }

    public int FolderCount => _folders.Count;

    internal IReadOnlyDictionary<string, FolderDigest> Folders => _folders;

    /// <summary>
    /// The folders whose scan brings the database from <paramref name="before"/> to <paramref name="after"/>:
    /// a folder whose files changed, one that appeared, and one that is gone (its scan marks its files
    /// missing, or matches them as moves to where they went), in name order.
    /// </summary>
    public static IReadOnlyList<string> Changed(FolderSnapshot before, FolderSnapshot after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changed = new List<string>();
        foreach (var (folder, digest) in after._folders)
        {
            if (!before._folders.TryGetValue(folder, out var old) || old != digest)
            {
                changed.Add(folder);
            }
        }

        changed.AddRange(before._folders.Keys.Where(folder => !after._folders.ContainsKey(folder)));
        changed.Sort(StringComparer.Ordinal);
        return changed;
    }

    /// <summary>
    /// This snapshot with the folders at and below <paramref name="unreadable"/> taken from <paramref name="previous"/>:
    /// a folder that could not be listed this time is not a folder whose files went away.
    /// </summary>
    internal FolderSnapshot KeepingFrom(FolderSnapshot? previous, IEnumerable<string> unreadable)
    {
        foreach (var folder in unreadable)
        {
            foreach (var key in _folders.Keys.Where(k => PathNormalizer.IsUnder(k, folder)).ToList())
            {
                _folders.Remove(key);
            }

            if (previous is null)
            {
                continue;
            }

            foreach (var (key, digest) in previous._folders.Where(p => PathNormalizer.IsUnder(p.Key, folder)))
            {
                _folders[key] = digest;
            }
        }

        return this;
    }
}

/// <summary>A folder's audio files as one number: their count and a hash of their names, sizes and mtimes.</summary>
internal readonly record struct FolderDigest(int Files, ulong Hash);
