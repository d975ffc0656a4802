namespace Nomarr.Services.Events;

/// <summary>A write committed changes to a library's files: read the change feed from <see cref="FirstSeq"/> - 1 to see them.</summary>
public sealed record FilesChangedEvent(long LibraryId, long FirstSeq, long LastSeq);
