using Nomarr.Helpers.Libraries;
using Nomarr.Persistence;

namespace Nomarr.Services.Libraries;

/// <summary>The playlists found in libraries, with each entry's record and the path that record has now.</summary>
public sealed class PlaylistService(IPlaylistRepository playlists)
{
    public Task<IReadOnlyList<Playlist>> ListAsync(long? libraryId, CancellationToken cancellationToken) => playlists.ListAsync(libraryId, cancellationToken);

    public Task<Playlist?> GetAsync(long playlistId, CancellationToken cancellationToken) => playlists.GetAsync(playlistId, cancellationToken);
}
