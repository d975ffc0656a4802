namespace Nomarr.Services.Nodes;

/// <summary>A node as `GET /api/nodes` and `nomarr nodes` show it: alive or gone, and the libraries it serves.</summary>
public sealed record NodeStatus(
    string Name,
    string Version,
    DateTimeOffset StartedAt,
    DateTimeOffset LastHeartbeatAt,
    bool Alive,
    bool ThisNode,
    IReadOnlyList<long> Libraries);
