using Microsoft.Data.Sqlite;

namespace Nomarr.Persistence.Sqlite;

/// <summary>The fencing check every write of a scan runs first, inside its own transaction.</summary>
internal static class SqliteFence
{
    public const string HeldCondition =
        "id = $fence_run AND library_id = $fence_library AND status = 'running' AND fence = $fence_token AND lease_owner = $fence_owner";

    /// <exception cref="LeaseLostException">The claim's lease expired or was taken over.</exception>
    public static async Task EnsureHeldAsync(SqliteConnection connection, SqliteTransaction transaction, ScanClaim claim, CancellationToken cancellationToken)
    {
        if (!await IsHeldAsync(connection, transaction, claim, live: true, cancellationToken))
        {
            throw LeaseLostException.For(claim);
        }
    }

    /// <summary>Whether the claim is the library's running run; with <paramref name="live"/>, also that its lease has not expired.</summary>
    public static async Task<bool> IsHeldAsync(SqliteConnection connection, SqliteTransaction transaction, ScanClaim claim, bool live, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT COUNT(*) FROM scan_runs WHERE {HeldCondition}" + (live ? $" AND lease_expires_ms > {SqlClock.NowMs};" : ";");
        Bind(command, claim);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! > 0;
    }

    public static void Bind(SqliteCommand command, ScanClaim claim)
    {
        command.Parameters.AddWithValue("$fence_run", claim.RunId);
        command.Parameters.AddWithValue("$fence_library", claim.LibraryId);
        command.Parameters.AddWithValue("$fence_token", claim.Token);
        command.Parameters.AddWithValue("$fence_owner", claim.Owner);
    }
}
