using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Paths;
using Nomarr.Http.Problems;
using Nomarr.Services.Libraries;

namespace Nomarr.Http.Files;

/// <summary>`/api/files`: stored files with their tags, paged and filtered, the same fields as `nomarr files --json`.</summary>
internal static class FilesApi
{
    private const int MaxLimit = 1000;
    private const int MaxSearchLength = 200;

    public static RouteGroupBuilder MapFilesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/files").WithTags("Files");
        group.MapGet("/", QueryAsync).WithName("QueryFiles").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:long}", GetAsync).WithName("GetFile");
        group.MapGet("/{id:long}/art", GetArtAsync).WithName("GetFileArt").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id:long}", PurgeAsync).WithName("PurgeMissingFile").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<Results<Ok<FilePage>, ValidationProblem>> QueryAsync(
        LibraryCatalog libraries,
        LibraryFiles files,
        [AsParameters] FileFilters filters,
        CancellationToken ct,
        [FromQuery(Name = "library_id")] long? libraryId = null,
        [FromQuery(Name = "folder")] string? folder = null,
        [FromQuery(Name = "missing")] bool? missing = null,
        [FromQuery(Name = "q")] string? text = null,
        [FromQuery(Name = "offset")] int offset = 0,
        [FromQuery(Name = "limit")] int limit = 100)
    {
        if (offset < 0)
        {
            return Problem.Invalid("offset", "offset is 0 or more.");
        }

        if (limit is < 1 or > MaxLimit)
        {
            return Problem.Invalid("limit", $"limit is between 1 and {MaxLimit}.");
        }

        if (text is { Length: > MaxSearchLength })
        {
            return Problem.Invalid("q", $"q has at most {MaxSearchLength} characters.");
        }

        if (filters.Sort is { } sortText && !Enum.TryParse<FileSort>(sortText, ignoreCase: true, out _))
        {
            return Problem.Invalid("sort", "sort is path, added or updated.");
        }

        if (libraryId is { } id)
        {
            _ = await libraries.GetAsync(id, ct);
        }

        // The same normalization as the scanner: a folder that leaves the root is refused (400).
        var normalized = string.IsNullOrEmpty(folder) ? null : PathNormalizer.NormalizeRelative(folder);
        var query = new FileQuery(libraryId, normalized, missing, text, offset, limit)
        {
            Artist = filters.Artist,
            AlbumArtist = filters.AlbumArtist,
            Genre = filters.Genre,
            Album = filters.Album,
            Year = filters.Year,
            MusicBrainzAlbumId = filters.MusicBrainzAlbumId,
            Format = filters.Format,
            Sort = filters.Sort is { } sort ? Enum.Parse<FileSort>(sort, ignoreCase: true) : FileSort.Path,
        };
        var page = await files.QueryAsync(query, ct);
        return TypedResults.Ok(new FilePage(page.Items.Select(FileView.From).ToList(), page.Total));
    }

    // The bytes as stored, with their type; the ETag is their hash, so a client revalidates for free.
    private static async Task<IResult> GetArtAsync(long id, HttpContext http, ArtworkService artwork, CancellationToken ct)
    {
        if (await artwork.GetAsync(id, ct) is not { } art)
        {
            return Problem.NotFound("No artwork", $"File {id} is unknown, missing, or has no embedded or folder cover.");
        }

        // File results answer If-None-Match with 304 themselves.
        var etag = new Microsoft.Net.Http.Headers.EntityTagHeaderValue("\"" + art.Hash + "\"");
        http.Response.Headers.CacheControl = "private, max-age=300";
        return TypedResults.File(art.Data, art.MimeType, entityTag: etag);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> PurgeAsync(long id, LibraryFiles files, CancellationToken ct)
    {
        if (await files.GetAsync(id, ct) is not { } file)
        {
            return Problem.NotFound("Unknown file", $"There is no file with id {id}.");
        }

        if (file.Valid)
        {
            return Problem.Conflict("File present", $"File {id} is on disk; only missing files are purged.");
        }

        return await files.PurgeMissingFileAsync(id, ct)
            ? TypedResults.NoContent()
            : Problem.NotFound("Unknown file", $"File {id} is no longer a missing file.");
    }

    private static async Task<Results<Ok<FileView>, ProblemHttpResult>> GetAsync(long id, LibraryFiles files, CancellationToken ct) =>
        await files.GetAsync(id, ct) is { } file
            ? TypedResults.Ok(FileView.From(file))
            : Problem.NotFound("Unknown file", $"There is no file with id {id}.");
}
