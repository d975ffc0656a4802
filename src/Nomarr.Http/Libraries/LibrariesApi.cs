using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Scanning;
using Nomarr.Http.Problems;
using Nomarr.Services.Libraries;
using Nomarr.Services.Nodes;
using Nomarr.Services.Scanning;

namespace Nomarr.Http.Libraries;

/// <summary>`/api/libraries`: add, list, change and remove libraries, and request scans of them.</summary>
internal static class LibrariesApi
{
    private const int MaxNameLength = 200;
    private const int MaxFolders = 1000;

    public static RouteGroupBuilder MapLibrariesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/libraries").WithTags("Libraries");
        group.MapGet("/", ListAsync).WithName("ListLibraries");
        group.MapPost("/", AddAsync).WithName("AddLibrary")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id:long}", GetAsync).WithName("GetLibrary").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPatch("/{id:long}", UpdateAsync).WithName("UpdateLibrary").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id:long}", RemoveAsync).WithName("RemoveLibrary")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:long}/scans", ScanAsync).WithName("StartScan")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Ok<IReadOnlyList<Library>>> ListAsync(LibraryCatalog libraries, CancellationToken ct) =>
        TypedResults.Ok(await libraries.ListAsync(ct));

    /// <summary>System folders are always refused here, and with Http:AllowedRoots every folder outside them.</summary>
    private static async Task<Results<Created<Library>, ValidationProblem>> AddAsync(
        AddLibraryRequest request, LibraryCatalog libraries, NodeService nodes, IOptions<HttpOptions> options, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Path))
        {
            return Problem.Invalid("path", "The folder of the library is required.");
        }

        if (!Path.IsPathFullyQualified(request.Path))
        {
            return Problem.Invalid("path", "Give the library's folder as an absolute path.");
        }

        if (request.Name is { Length: > MaxNameLength })
        {
            return Problem.Invalid("name", $"A name has at most {MaxNameLength} characters.");
        }

        if (WatchRequest.Check(request.WatchMode, request.PollSeconds, 1, out var mode) is { } invalid)
        {
            return invalid;
        }

        if (request.Node is { } node && !IsNodeName(node))
        {
            return Problem.Invalid("node", "A node is a name: 1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit.");
        }

        var rules = new LibraryRootRules([.. options.Value.AllowedRoots], AllowSystemFolders: false);
        var library = await libraries.AddAsync(
            request.Path, request.Name, mode ?? (request.Watch ?? true ? WatchMode.Auto : WatchMode.Off), request.PollSeconds, rules, ct);
        if (request.Node is { } pinned)
        {
            library = await nodes.PinAsync(library.Id, pinned, ct);
        }

        return TypedResults.Created($"/api/libraries/{library.Id}", library);
    }

    private static async Task<Ok<Library>> GetAsync(long id, LibraryCatalog libraries, CancellationToken ct) =>
        TypedResults.Ok(await libraries.GetAsync(id, ct));

    private static async Task<Results<Ok<Library>, ValidationProblem>> UpdateAsync(
        long id, UpdateLibraryRequest request, LibraryCatalog libraries, NodeService nodes, CancellationToken ct)
    {
        var pin = request.Node.ValueKind;
        if (request.Name is null && request.Watch is null && request.WatchMode is null && request.PollSeconds is null && pin == JsonValueKind.Undefined)
        {
            return Problem.Invalid("name", "Give a new \"name\", \"watch\" (true or false), \"watch_mode\", \"poll_seconds\" or \"node\" (null unpins).");
        }

        if (pin is not (JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.String) || pin == JsonValueKind.String && !IsNodeName(request.Node.GetString()!))
        {
            return Problem.Invalid("node", "A node is a name (1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit), or null to unpin the library.");
        }

        if (WatchRequest.Check(request.WatchMode, request.PollSeconds, 0, out var mode) is { } invalid)
        {
            return invalid;
        }

        if (request.Name is not null && (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > MaxNameLength))
        {
            return Problem.Invalid("name", $"A name is not empty and has at most {MaxNameLength} characters.");
        }

        var updated = request.Name is null && request.Watch is null && mode is null && request.PollSeconds is null
            ? await libraries.GetAsync(id, ct)
            : await libraries.UpdateAsync(id, request.Name, request.Watch, mode, request.PollSeconds, ct);
        return TypedResults.Ok(pin == JsonValueKind.Undefined ? updated : await nodes.PinAsync(id, pin == JsonValueKind.Null ? null : request.Node.GetString(), ct));
    }

    private static bool IsNodeName(string name)
    {
        try
        {
            NodeNames.Check(name);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static async Task<NoContent> RemoveAsync(long id, LibraryCatalog libraries, CancellationToken ct)
    {
        await libraries.RemoveAsync(id, ct);
        return TypedResults.NoContent();
    }

    /// <summary>Every folder goes through the same normalization and root check as the scanner before anything is stored.</summary>
    private static async Task<Results<Accepted<ScanAccepted>, ValidationProblem>> ScanAsync(
        long id, StartScanRequest? request, LibraryCatalog libraries, ScanIntake intake, CancellationToken ct)
    {
        var folders = request?.Folders ?? [];
        if (folders.Count > MaxFolders)
        {
            return Problem.Invalid("folders", $"At most {MaxFolders} folders per request.");
        }

        var library = await libraries.GetAsync(id, ct);
        IReadOnlyList<ScanTarget> targets = folders.Count == 0
            ? [new ScanTarget(library.Id)]
            : folders.Select(f => LibraryCatalog.ResolveTarget(library, f)).ToList();
        var ticket = await intake.RequestAsync(targets, ct);
        return TypedResults.Accepted($"/api/scans/{ticket.ScanId}", new ScanAccepted(ticket.ScanId, ticket.Status));
    }
}
