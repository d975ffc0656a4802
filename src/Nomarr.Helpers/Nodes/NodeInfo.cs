namespace Nomarr.Helpers.Nodes;

/// <summary>
/// A Nomarr process sharing the database, as its heartbeats recorded it: gone once its last heartbeat
/// is older than Node:GoneAfterSeconds on the database's clock.
/// </summary>
public sealed record NodeInfo(string Name, DateTimeOffset StartedAt, DateTimeOffset LastHeartbeatAt, string Version, bool Alive, IReadOnlyList<long> Serves);
