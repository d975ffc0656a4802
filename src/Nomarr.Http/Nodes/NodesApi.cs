using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Nomarr.Services.Nodes;

namespace Nomarr.Http.Nodes;

/// <summary>`/api/nodes`: the nodes sharing the database, from their heartbeats, with the libraries each serves.</summary>
internal static class NodesApi
{
    public static RouteGroupBuilder MapNodesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/nodes", ListAsync).WithTags("Nodes").WithName("ListNodes");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<NodeStatus>>> ListAsync(NodeService nodes, CancellationToken ct) =>
        TypedResults.Ok(await nodes.ListAsync(ct));
}
