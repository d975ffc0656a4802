namespace Nomarr.Helpers.Libraries;

/// <summary>A playlist file of a library and its entries in order.</summary>
public sealed record Playlist(long Id, long LibraryId, string Path, IReadOnlyList<PlaylistEntry> Entries);

/// <summary>
/// One entry: its text as the playlist holds it, the file record it resolved to (null: unresolved),
/// and that record's path now, which follows the file when it moves.
/// </summary>
public sealed record PlaylistEntry(string Text, long? FileId, string? Path);

/// <summary>What is stored about a playlist file, enough to tell whether it changed, and whether it has unresolved entries.</summary>
public sealed record KnownPlaylist(long Id, string Path, long Size, long MtimeNs, bool HasUnresolved);

/// <summary>A playlist as a scan read it, ready to be written.</summary>
public sealed record PlaylistRecord(string Path, long Size, long MtimeNs, IReadOnlyList<(string Text, long? FileId)> Entries);
