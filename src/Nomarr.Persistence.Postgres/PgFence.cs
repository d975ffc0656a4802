using Npgsql;

namespace Nomarr.Persistence.Postgres;

/// <summary>
/// The fencing check every write of a scan runs first, inside its own transaction. The run's row is
/// locked FOR SHARE, so a takeover (which updates that row) waits for the write to commit, and a write
/// after a takeover sees the new state.
/// </summary>
internal static class PgFence
{
    public const string HeldCondition =
        "id = @fence_run AND library_id = @fence_library AND status = 'running' AND fence = @fence_token AND lease_owner = @fence_owner";

    /// <exception cref="LeaseLostException">The claim's lease expired or was taken over.</exception>
    public static async Task EnsureHeldAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ScanClaim claim, CancellationToken cancellationToken)
    {
        if (!await IsHeldAsync(connection, transaction, claim, live: true, cancellationToken))
        {
            throw LeaseLostException.For(claim);
        }
    }

    public static async Task<bool> IsHeldAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ScanClaim claim, bool live, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT 1 FROM scan_runs WHERE {HeldCondition}" + (live ? " AND lease_expires_ms > " + PgClock.NowMs : string.Empty) + " FOR SHARE;", connection, transaction);
        Bind(command, claim);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    public static void Bind(NpgsqlCommand command, ScanClaim claim)
    {
        command.Parameters.AddWithValue("fence_run", claim.RunId);
        command.Parameters.AddWithValue("fence_library", claim.LibraryId);
        command.Parameters.AddWithValue("fence_token", claim.Token);
        command.Parameters.AddWithValue("fence_owner", claim.Owner);
    }
}
