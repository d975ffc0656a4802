using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Nomarr.Services.Status;

namespace Nomarr.Http.Status;

/// <summary>`/api/status`: version, database, and each library's scan and watcher state.</summary>
internal static class StatusApi
{
    public static RouteGroupBuilder MapStatusApi(this RouteGroupBuilder api)
    {
        api.MapGet("/status", GetAsync).WithTags("Status").WithName("GetStatus");
        return api;
    }

    private static async Task<Ok<NomarrStatus>> GetAsync(StatusService status, CancellationToken ct) =>
        TypedResults.Ok(await status.GetAsync(ct));
}
