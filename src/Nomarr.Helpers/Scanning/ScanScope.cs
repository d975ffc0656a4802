using Nomarr.Helpers.Paths;

namespace Nomarr.Helpers.Scanning;

/// <summary>
/// The de-duplicated folders of one scan: a parent covers its children, and "" covers everything.
/// </summary>
public sealed class ScanScope
{
    private ScanScope(long libraryId, IReadOnlyList<string> folders)
    {
        LibraryId = libraryId;
        Folders = folders;
    }

    public long LibraryId { get; }

    /// <summary>Sorted, non-overlapping folders; a single "" for a full scan.</summary>
    public IReadOnlyList<string> Folders { get; }

    public bool IsFull => Folders.Count == 1 && Folders[0].Length == 0;

    /// <exception cref="ArgumentException">No targets, or targets of several libraries.</exception>
    public static ScanScope From(IEnumerable<ScanTarget> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var list = targets.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("At least one scan target is needed.", nameof(targets));
        }

        var libraryId = list[0].LibraryId;
        if (list.Any(t => t.LibraryId != libraryId))
        {
            throw new ArgumentException("All scan targets of one scan must belong to the same library.", nameof(targets));
        }

        return new ScanScope(libraryId, Collapse(list.Select(t => t.FolderPath)));
    }

    /// <summary>True when the stored path lies inside one of the scope's folders.</summary>
    public bool Contains(string path) => Folders.Any(folder => PathNormalizer.IsUnder(path, folder));

    public IEnumerable<ScanTarget> ToTargets() => Folders.Select(f => new ScanTarget(LibraryId, f));

    /// <summary>Sorts folders and drops those that lie under another one.</summary>
    public static IReadOnlyList<string> Collapse(IEnumerable<string> folders)
    {
        var kept = new List<string>();
        foreach (var folder in folders.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            // A parent sorts before its children, but not always right before them ("Rock Live" < "Rock/Beatles").
            if (kept.Exists(parent => PathNormalizer.IsUnder(folder, parent)))
            {
                continue;
            }

            kept.Add(folder);
        }

        return kept;
    }
}
