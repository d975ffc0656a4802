namespace Nomarr.Helpers.Libraries;

/// <summary>What happened to a file record, as the change feed tells it.</summary>
public enum FileChangeKind
{
    /// <summary>A new record.</summary>
    Added,

    /// <summary>The record's file changed (tags, size, mtime) at the same path.</summary>
    Updated,

    /// <summary>The record's file moved: the record keeps its id, takes the new path and is present.</summary>
    Moved,

    /// <summary>The file is gone from disk; the record stays, marked missing.</summary>
    Missing,

    /// <summary>A missing file is back at its path.</summary>
    Restored,

    /// <summary>The record was deleted (a purge of missing files, or its library removed).</summary>
    Purged,
}
