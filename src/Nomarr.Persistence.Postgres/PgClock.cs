namespace Nomarr.Persistence.Postgres;

/// <summary>
/// The database's clock, in milliseconds since the Unix epoch (as SQLite's lease_expires_ms): leases
/// expire on it, whatever each process's clock says. now() is the transaction's start on the server.
/// </summary>
internal static class PgClock
{
    public const string NowMs = "(extract(epoch from now()) * 1000)::bigint";
}
