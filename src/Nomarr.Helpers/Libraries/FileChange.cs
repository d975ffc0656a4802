namespace Nomarr.Helpers.Libraries;

/// <summary>One entry of the change log: its sequence number, the record, what happened, and the path(s).</summary>
public sealed record FileChange(long Seq, long LibraryId, long FileId, FileChangeKind Kind, string Path, string? OldPath, DateTimeOffset ChangedAt);
