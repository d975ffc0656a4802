using Nomarr.Helpers.Libraries;

namespace Nomarr.Persistence;

/// <summary>
/// The playlist files of libraries. Entries point at file records by id, so a file that moves
/// (and keeps its id) stays in its playlists with its new path; a purged file leaves its entries
/// unresolved.
/// </summary>
public interface IPlaylistRepository
{
    /// <summary>
    /// What is stored about the library's playlists under the folders (a folder holds its subfolders;
    /// "" or no folder is the whole library): path, size, mtime, whether any entry is unresolved.
    /// </summary>
    Task<IReadOnlyList<KnownPlaylist>> ListKnownAsync(long libraryId, IReadOnlyList<string> folders, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces playlists (by library and path) with their entries, in one transaction.</summary>
    Task SaveAsync(long libraryId, IReadOnlyList<PlaylistRecord> playlists, DateTimeOffset now, CancellationToken cancellationToken);

    Task RemoveAsync(long libraryId, IReadOnlyCollection<long> playlistIds, CancellationToken cancellationToken);

    /// <summary>The playlists of one library or all, by path, with their entries and the paths their files have now.</summary>
    Task<IReadOnlyList<Playlist>> ListAsync(long? libraryId, CancellationToken cancellationToken);

    Task<Playlist?> GetAsync(long playlistId, CancellationToken cancellationToken);
}
