namespace Nomarr.Helpers.Libraries;

/// <summary>A stored file of a library. <see cref="Path"/> is the normalized, root-relative path.</summary>
public sealed record LibraryFile(
    long Id,
    long LibraryId,
    string Path,
    long Size,
    DateTimeOffset Mtime,
    AudioTags Tags,
    bool Valid,
    string? ReadError,
    long? LastSeenScanId,
    DateTimeOffset AddedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? MissingSince);
