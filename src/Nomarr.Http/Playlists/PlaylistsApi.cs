using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Nomarr.Helpers.Libraries;
using Nomarr.Http.Problems;
using Nomarr.Services.Libraries;

namespace Nomarr.Http.Playlists;

/// <summary>`/api/playlists`: the playlists found by scans, each entry with its text, its file id (or null) and that file's path now.</summary>
internal static class PlaylistsApi
{
    public static RouteGroupBuilder MapPlaylistsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/playlists").WithTags("Playlists");
        group.MapGet("/", ListAsync).WithName("ListPlaylists").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:long}", GetAsync).WithName("GetPlaylist");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<Playlist>>> ListAsync(
        PlaylistService playlists, LibraryCatalog libraries, CancellationToken ct, [FromQuery(Name = "library_id")] long? libraryId = null)
    {
        if (libraryId is { } id)
        {
            _ = await libraries.GetAsync(id, ct);
        }

        return TypedResults.Ok(await playlists.ListAsync(libraryId, ct));
    }

    private static async Task<Results<Ok<Playlist>, ProblemHttpResult>> GetAsync(long id, PlaylistService playlists, CancellationToken ct) =>
        await playlists.GetAsync(id, ct) is { } playlist
            ? TypedResults.Ok(playlist)
            : Problem.NotFound("Unknown playlist", $"There is no playlist with id {id}.");
}
