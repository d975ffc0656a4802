namespace Nomarr.Persistence.Sqlite;

/// <summary>The database's clock, in milliseconds since the Unix epoch: leases expire on it, whatever each process's clock says.</summary>
internal static class SqlClock
{
    public const string NowMs = "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)";
}
