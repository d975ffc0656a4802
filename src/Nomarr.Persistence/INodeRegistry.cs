using Nomarr.Helpers.Nodes;

namespace Nomarr.Persistence;

/// <summary>The nodes sharing the database: each `nomarr serve` heartbeats, on the database's clock.</summary>
public interface INodeRegistry
{
    /// <summary>Records that the node is alive now (the database's now), what it runs and which libraries it may scan.</summary>
    Task HeartbeatAsync(string name, DateTimeOffset startedAt, string version, IReadOnlyList<long> serves, CancellationToken cancellationToken);

    /// <summary>Every node that has heartbeated, by name; alive when its last heartbeat is younger than <paramref name="goneAfter"/>.</summary>
    Task<IReadOnlyList<NodeInfo>> ListAsync(TimeSpan goneAfter, CancellationToken cancellationToken);
}
