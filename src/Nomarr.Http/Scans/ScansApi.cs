using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Nomarr.Helpers.Scanning;
using Nomarr.Http.Problems;
using Nomarr.Services.Libraries;
using Nomarr.Services.Scanning;

namespace Nomarr.Http.Scans;

/// <summary>`/api/scans`: recent runs, one run with its counts and failed files, and cancellation.</summary>
internal static class ScansApi
{
    private const int MaxLimit = 200;

    public static RouteGroupBuilder MapScansApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/scans").WithTags("Scans");
        group.MapGet("/", ListAsync).WithName("ListScans").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{scanId:long}", GetAsync).WithName("GetScan");
        group.MapPost("/{scanId:long}/cancel", CancelAsync).WithName("CancelScan");
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<ScanRun>>, ValidationProblem>> ListAsync(
        LibraryCatalog libraries,
        ScanHistory history,
        CancellationToken ct,
        [FromQuery(Name = "library_id")] long? libraryId = null,
        [FromQuery(Name = "limit")] int limit = 20)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return Problem.Invalid("limit", $"limit is between 1 and {MaxLimit}.");
        }

        if (libraryId is { } id)
        {
            _ = await libraries.GetAsync(id, ct);
        }

        return TypedResults.Ok(await history.ListAsync(libraryId, limit, ct));
    }

    private static async Task<Results<Ok<ScanRun>, ProblemHttpResult>> GetAsync(long scanId, ScanHistory history, CancellationToken ct) =>
        await history.GetAsync(scanId, ct) is { } run
            ? TypedResults.Ok(run)
            : Problem.NotFound("Unknown scan", $"There is no scan with id {scanId}.");

    private static async Task<Results<Accepted<CancelAccepted>, Ok<CancelAccepted>, ProblemHttpResult>> CancelAsync(
        long scanId, ScanIntake intake, CancellationToken ct) =>
        await intake.CancelAsync(scanId, ct) switch
        {
            CancelOutcome.Cancelling => TypedResults.Accepted($"/api/scans/{scanId}", new CancelAccepted(scanId, "cancelling")),
            CancelOutcome.Cancelled => TypedResults.Ok(new CancelAccepted(scanId, "cancelled")),
            CancelOutcome.NotFound => Problem.NotFound("Unknown scan", $"There is no scan with id {scanId}."),
            CancelOutcome.RunningElsewhere => Problem.Conflict("Scan runs elsewhere", $"Scan {scanId} runs in another process (a `nomarr scan`); stop it there."),
            _ => Problem.Conflict("Scan finished", $"Scan {scanId} has finished already."),
        };
}
