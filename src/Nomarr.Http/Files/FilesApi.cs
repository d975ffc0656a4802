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
        return api;
    }

    private static async Task<Results<Ok<FilePage>, ValidationProblem>> QueryAsync(
        LibraryService libraries,
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

        if (libraryId is { } id)
        {
            _ = await libraries.GetLibraryAsync(id, ct);
        }

        // The same normalization as the scanner: a folder that leaves the root is refused (400).
        var normalized = string.IsNullOrEmpty(folder) ? null : PathNormalizer.NormalizeRelative(folder);
        var page = await libraries.QueryFilesAsync(new FileQuery(libraryId, normalized, missing, text, offset, limit), ct);
        return TypedResults.Ok(new FilePage(page.Items.Select(FileView.From).ToList(), page.Total));
    }

    private static async Task<Results<Ok<FileView>, ProblemHttpResult>> GetAsync(long id, LibraryService libraries, CancellationToken ct) =>
        await libraries.GetFileAsync(id, ct) is { } file
            ? TypedResults.Ok(FileView.From(file))
            : Problem.NotFound("Unknown file", $"There is no file with id {id}.");
}
