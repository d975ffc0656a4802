using Nomarr.Helpers.Libraries;
using Nomarr.Persistence;

namespace Nomarr.Workflows.Scanning;

/// <summary>
/// What the database holds for the scanned scope, loaded in one streaming query so that the walk
/// compares size and mtime in memory instead of asking once per file.
/// </summary>
internal sealed class KnownFiles
{
    private readonly Dictionary<string, KnownFile> _byPath;

    private KnownFiles(Dictionary<string, KnownFile> byPath) => _byPath = byPath;

    public IEnumerable<KnownFile> All => _byPath.Values;

    public static async Task<KnownFiles> LoadAsync(ILibraryFileRepository files, long libraryId, IReadOnlyList<string> folders, CancellationToken cancellationToken)
    {
        var byPath = new Dictionary<string, KnownFile>(StringComparer.Ordinal);
        await foreach (var file in files.StreamKnownAsync(libraryId, folders, cancellationToken))
        {
            byPath[file.Path] = file;
        }

        return new KnownFiles(byPath);
    }

    public bool Contains(string path) => _byPath.ContainsKey(path);

    public int Count => _byPath.Count;

    public int ValidCount => _byPath.Values.Count(f => f.Valid);

    /// <summary>True when the file is stored, valid, and has the same size and mtime: nothing to read or write.</summary>
    public bool IsUnchanged(string path, long size, long mtimeNs) =>
        _byPath.TryGetValue(path, out var known) && known.Valid && known.Size == size && known.MtimeNs == mtimeNs;
}
