using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Nomarr.Services.Changes;

namespace Nomarr.Http.Changes;

/// <summary>`/api/changes`: the change feed (docs/changes.md); 410 when the cursor is older than the retained log.</summary>
internal static class ChangesApi
{
    public static RouteGroupBuilder MapChangesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/changes", ReadAsync).WithTags("Changes").WithName("ReadChanges")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status410Gone);
        return api;
    }

    private static async Task<Ok<ChangeList>> ReadAsync(
        ChangeFeedService feed,
        CancellationToken ct,
        [FromQuery(Name = "since")] long since = 0,
        [FromQuery(Name = "limit")] int limit = 1000)
    {
        var page = await feed.ReadAsync(since, limit, ct);
        return TypedResults.Ok(new ChangeList(page.Changes, page.NextSince));
    }
}
