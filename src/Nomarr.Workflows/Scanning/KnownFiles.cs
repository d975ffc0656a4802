using Nomarr.Helpers.Libraries;
using Nomarr.Persistence;

namespace Nomarr.Workflows.Scanning;

/// <summary>
/// What the database holds for the scanned scope, loaded in one streaming query so that the walk
/// compares size and mtime in memory instead of asking once per file. It also records which of
/// these files the walk saw, so that the missing phase needs no second set of every walked path.
/// One comparer (the walk's compare stage) marks files as seen; the missing phase reads the marks
/// after it has finished.
/// </summary>
internal sealed class KnownFiles
{
    private readonly Dictionary<string, int> _indexByPath;
    private readonly List<KnownFile> _files;
    private readonly bool[] _seen;
    private int _validSeen;

    private KnownFiles(Dictionary<string, int> indexByPath, List<KnownFile> files)
    {
        _indexByPath = indexByPath;
        _files = files;
        _seen = new bool[files.Count];
        ValidCount = files.Count(f => f.Valid);
    }

    public static async Task<KnownFiles> LoadAsync(ILibraryFileRepository files, long libraryId, IReadOnlyList<string> folders, CancellationToken cancellationToken)
    {
        var indexByPath = new Dictionary<string, int>(StringComparer.Ordinal);
        var list = new List<KnownFile>();
        await foreach (var file in files.StreamKnownAsync(libraryId, folders, cancellationToken))
        {
            if (indexByPath.TryGetValue(file.Path, out var existing))
            {
                list[existing] = file;
                continue;
            }

            indexByPath[file.Path] = list.Count;
            list.Add(file);
        }

        return new KnownFiles(indexByPath, list);
    }

    public int Count => _files.Count;

    public int ValidCount { get; }

    /// <summary>True when every valid stored file was seen by the walk: then none can be missing.</summary>
    public bool AllValidSeen => _validSeen == ValidCount;

    public bool Contains(string path) => _indexByPath.ContainsKey(path);

    /// <summary>
    /// Marks the file as seen by the walk, and says whether it is stored, valid, and has the same size
    /// and mtime: nothing to read or write.
    /// </summary>
    public bool SeenUnchanged(string path, long size, long mtimeNs)
    {
        if (!_indexByPath.TryGetValue(path, out var index))
        {
            return false;
        }

        var known = _files[index];
        if (!_seen[index])
        {
            _seen[index] = true;
            if (known.Valid)
            {
                _validSeen++;
            }
        }

        return known.Valid && known.Size == size && known.MtimeNs == mtimeNs;
    }

    /// <summary>The valid stored files the walk did not see.</summary>
    public IEnumerable<KnownFile> ValidUnseen()
    {
        for (var i = 0; i < _files.Count; i++)
        {
            if (!_seen[i] && _files[i].Valid)
            {
                yield return _files[i];
            }
        }
    }

    /// <summary>The stored file at this path, or null.</summary>
    public KnownFile? Find(string path) => _indexByPath.TryGetValue(path, out var index) ? _files[index] : null;
}
