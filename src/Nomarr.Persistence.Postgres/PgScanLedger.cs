using System.Text.Json;
using Nomarr.Helpers.Json;
using Nomarr.Helpers.Scanning;
using Npgsql;
using NpgsqlTypes;

namespace Nomarr.Persistence.Postgres;

/// <summary>
/// The scan ledger on PostgreSQL. Each operation is one transaction that first locks the library's
/// row, so the operations of one library are ordered across processes; the partial unique indexes
/// ux_scan_runs_one_queued and ux_scan_runs_one_running hold the rules whatever the callers do.
/// Leases compare with now(), the database's clock.
/// </summary>
internal sealed class PgScanLedger(PostgresDatabase database) : IScanLedger
{
    private const string Columns = "id, library_id, targets, full_scan, started_at, finished_at, status, result, error, lease_expires_ms > " + PgClock.NowMs + ", node, progress, lease_owner";

    private const string UnfinishedRuns =
        "library_id = @library AND (status IN ('interrupted', 'cancelled', 'failed') OR (status = 'running' AND lease_expires_ms <= " + PgClock.NowMs + ")) " +
        "AND id > COALESCE((SELECT MAX(c.id) FROM scan_runs c WHERE c.library_id = @library AND c.status IN ('completed', 'resumed')), 0)";

    private const string NextFence = "(SELECT COALESCE(MAX(f.fence), 0) + 1 FROM scan_runs f WHERE f.library_id = @library)";

    public async Task<ScanRequestReceipt> RequestAsync(long libraryId, IReadOnlyList<string> folders, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var tx = await Tx.BeginAsync(database, libraryId, cancellationToken);
        var distinct = (folders.Count == 0 ? [string.Empty] : folders).Distinct(StringComparer.Ordinal).ToArray();
        await using (var add = tx.Command("""
            INSERT INTO pending_scan_targets (library_id, folder_path, queued_at)
            SELECT @library, f, @now FROM unnest(@folders) AS f
            ON CONFLICT (library_id, folder_path) DO UPDATE SET queued_at = excluded.queued_at;
            """))
        {
            add.Parameters.AddWithValue("library", libraryId);
            add.Parameters.AddWithValue("folders", distinct);
            add.Parameters.AddWithValue("now", PgTime.Write(now));
            await add.ExecuteNonQueryAsync(cancellationToken);
        }

        var waiting = ScanScope.Collapse(await PendingFoldersAsync(tx, libraryId, cancellationToken));
        await using var join = tx.Command("UPDATE scan_runs SET targets = @targets, full_scan = @full WHERE library_id = @library AND status = 'queued' RETURNING id;");
        BindTargets(join, libraryId, waiting);
        if (await join.ExecuteScalarAsync(cancellationToken) is not long runId)
        {
            join.CommandText = "INSERT INTO scan_runs (library_id, targets, full_scan, started_at, status) VALUES (@library, @targets, @full, @now, 'queued') RETURNING id;";
            join.Parameters.AddWithValue("now", PgTime.Write(now));
            runId = (long)(await join.ExecuteScalarAsync(cancellationToken))!;
        }

        await tx.CommitAsync(cancellationToken);
        return new ScanRequestReceipt(runId, waiting);
    }

    public async Task<ClaimAttempt> TryClaimAsync(long libraryId, string owner, TimeSpan leaseFor, string? deadHolder, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var tx = await Tx.BeginAsync(database, libraryId, cancellationToken);
        if (await PinnedElsewhereAsync(tx, libraryId, owner, cancellationToken))
        {
            return ClaimAttempt.Nothing;
        }

        if (await TakeOverAsync(tx, libraryId, deadHolder, now, cancellationToken) is { } holder)
        {
            return new ClaimAttempt(null, holder);
        }

        var pending = await PendingFoldersAsync(tx, libraryId, cancellationToken);
        if (pending.Count == 0)
        {
            await using var drop = tx.Command("UPDATE scan_runs SET status = 'cancelled', error = 'nothing left to scan', finished_at = @now WHERE library_id = @library AND status = 'queued';");
            drop.Parameters.AddWithValue("library", libraryId);
            drop.Parameters.AddWithValue("now", PgTime.Write(now));
            await drop.ExecuteNonQueryAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
            return ClaimAttempt.Nothing;
        }

        var folders = ScanScope.Collapse(pending);
        await using var claim = tx.Command($"""
            UPDATE scan_runs SET status = 'running', targets = @targets, full_scan = @full, started_at = @now,
                pending_upto = (SELECT MAX(queued_at) FROM pending_scan_targets WHERE library_id = @library),
                lease_owner = @owner, lease_expires_ms = {PgClock.NowMs} + @lease_ms, fence = {NextFence}, node = @node, progress = NULL
            WHERE library_id = @library AND status = 'queued' RETURNING id, fence;
            """);
        BindTargets(claim, libraryId, folders);
        BindLease(claim, owner, leaseFor, now);
        var (runId, token) = await ReadClaimAsync(claim, cancellationToken);
        if (runId == 0)
        {
            claim.CommandText = $"""
                INSERT INTO scan_runs (library_id, targets, full_scan, started_at, status, pending_upto, lease_owner, lease_expires_ms, fence, node)
                VALUES (@library, @targets, @full, @now, 'running', (SELECT MAX(queued_at) FROM pending_scan_targets WHERE library_id = @library),
                    @owner, {PgClock.NowMs} + @lease_ms, {NextFence}, @node) RETURNING id, fence;
                """;
            (runId, token) = await ReadClaimAsync(claim, cancellationToken);
        }

        await MarkLibraryStartedAsync(tx, libraryId, folders, now, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return new ClaimAttempt(new ScanClaim(runId, libraryId, owner, token) { Folders = folders }, null);
    }

    public async Task<ClaimAttempt> TryStartAsync(
        long libraryId, IReadOnlyList<string> folders, string owner, TimeSpan leaseFor, string? deadHolder, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var tx = await Tx.BeginAsync(database, libraryId, cancellationToken);
        if (await TakeOverAsync(tx, libraryId, deadHolder, now, cancellationToken) is { } holder)
        {
            return new ClaimAttempt(null, holder);
        }

        var scope = ScanScope.Collapse(folders.Count == 0 ? [string.Empty] : folders);
        await using var start = tx.Command($"""
            INSERT INTO scan_runs (library_id, targets, full_scan, started_at, status, lease_owner, lease_expires_ms, fence, node)
            VALUES (@library, @targets, @full, @now, 'running', @owner, {PgClock.NowMs} + @lease_ms, {NextFence}, @node) RETURNING id, fence;
            """);
        BindTargets(start, libraryId, scope);
        BindLease(start, owner, leaseFor, now);
        var (runId, token) = await ReadClaimAsync(start, cancellationToken);
        await MarkLibraryStartedAsync(tx, libraryId, scope, now, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return new ClaimAttempt(new ScanClaim(runId, libraryId, owner, token) { Folders = scope }, null);
    }

    public async Task<bool> RenewAsync(ScanClaim claim, TimeSpan leaseFor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var renew = new NpgsqlCommand(
            $"UPDATE scan_runs SET lease_expires_ms = {PgClock.NowMs} + @lease_ms WHERE {PgFence.HeldCondition} AND lease_expires_ms > {PgClock.NowMs};", connection);
        PgFence.Bind(renew, claim);
        renew.Parameters.AddWithValue("lease_ms", LeaseMs(leaseFor));
        return await renew.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task<bool> RecordProgressAsync(ScanClaim claim, ScanProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(progress);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var record = new NpgsqlCommand(
            $"UPDATE scan_runs SET progress = @progress WHERE {PgFence.HeldCondition} AND lease_expires_ms > {PgClock.NowMs};", connection);
        PgFence.Bind(record, claim);
        record.Parameters.Add(new NpgsqlParameter("progress", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(progress, NomarrJson.Options) });
        return await record.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task CompleteAsync(ScanClaim claim, ScanResult result, long? rootDevice, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(result);
        await using var tx = await Tx.BeginAsync(database, claim.LibraryId, cancellationToken);
        await PgFence.EnsureHeldAsync(tx.Connection, tx.Transaction, claim, cancellationToken);
        if (result.ResumedFrom is { } resumedFrom)
        {
            await using var resumed = tx.Command($"UPDATE scan_runs SET status = 'resumed' WHERE {UnfinishedRuns} AND id <= @upto AND id <> @run;");
            resumed.Parameters.AddWithValue("library", claim.LibraryId);
            resumed.Parameters.AddWithValue("upto", resumedFrom);
            resumed.Parameters.AddWithValue("run", claim.RunId);
            await resumed.ExecuteNonQueryAsync(cancellationToken);
        }

        await DropCoveredPendingAsync(tx, claim, cancellationToken);
        await using (var library = tx.Command("UPDATE libraries SET last_scan_at = @now, full_scan_in_progress = false, root_device = @device WHERE id = @library;"))
        {
            library.Parameters.AddWithValue("library", claim.LibraryId);
            library.Parameters.AddWithValue("now", PgTime.Write(now));
            library.Parameters.Add(new NpgsqlParameter("device", NpgsqlDbType.Bigint) { Value = rootDevice is { } d ? d : DBNull.Value });
            await library.ExecuteNonQueryAsync(cancellationToken);
        }

        await FinishAsync(tx, claim, "completed", JsonSerializer.Serialize(result, NomarrJson.Options), null, now, cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    public Task<bool> FailAsync(ScanClaim claim, string reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        EndAsync(claim, "failed", reason, dropPending: true, now, cancellationToken);

    public Task<bool> CancelAsync(ScanClaim claim, DateTimeOffset now, CancellationToken cancellationToken) =>
        EndAsync(claim, "cancelled", "cancelled", dropPending: true, now, cancellationToken);

    public Task<bool> InterruptAsync(ScanClaim claim, string reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        EndAsync(claim, "interrupted", reason, dropPending: false, now, cancellationToken);

    public async Task<bool> CancelQueuedAsync(long runId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var cancel = new NpgsqlCommand(
            "UPDATE scan_runs SET status = 'cancelled', error = 'cancelled before it started', finished_at = @now WHERE id = @id AND status = 'queued' RETURNING library_id;",
            connection,
            transaction);
        cancel.Parameters.AddWithValue("id", runId);
        cancel.Parameters.AddWithValue("now", PgTime.Write(now));
        if (await cancel.ExecuteScalarAsync(cancellationToken) is not long libraryId)
        {
            return false;
        }

        await using var drop = new NpgsqlCommand("DELETE FROM pending_scan_targets WHERE library_id = @library;", connection, transaction);
        drop.Parameters.AddWithValue("library", libraryId);
        await drop.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<ResumePlan?> FindResumePlanAsync(long libraryId, long? exceptRunId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"SELECT id, targets, status = 'failed' FROM scan_runs WHERE {UnfinishedRuns} AND id IS DISTINCT FROM @except ORDER BY id;", connection);
        command.Parameters.AddWithValue("library", libraryId);
        command.Parameters.Add(new NpgsqlParameter("except", NpgsqlDbType.Bigint) { Value = exceptRunId is { } e ? e : DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<long>();
        var folders = new List<string>();
        var failed = false;
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt64(0));
            folders.AddRange(JsonSerializer.Deserialize<string[]>(reader.GetString(1), NomarrJson.Options) ?? []);
            failed |= reader.GetBoolean(2);
        }

        return ids.Count == 0 ? null : new ResumePlan(ids[^1], ids, ScanScope.Collapse(folders)) { IncludesFailed = failed };
    }

    public async Task<ScanRun?> GetAsync(long runId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM scan_runs WHERE id = @id;", connection);
        command.Parameters.AddWithValue("id", runId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadRun(reader) : null;
    }

    public async Task<IReadOnlyList<ScanRun>> ListAsync(long? libraryId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"SELECT {Columns} FROM scan_runs WHERE (@library::bigint IS NULL OR library_id = @library) ORDER BY id DESC LIMIT @limit;", connection);
        command.Parameters.Add(new NpgsqlParameter("library", NpgsqlDbType.Bigint) { Value = libraryId is { } l ? l : DBNull.Value });
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var runs = new List<ScanRun>();
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(ReadRun(reader));
        }

        return runs;
    }

    public async Task<IReadOnlyList<LibraryScanFacts>> GetFactsAsync(long? libraryId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"""
            SELECT l.id,
                (SELECT q.id FROM scan_runs q WHERE q.library_id = l.id AND q.status = 'queued'),
                r.id, r.lease_owner,
                EXISTS (SELECT 1 FROM scan_runs u WHERE u.library_id = l.id
                    AND (u.status IN ('interrupted', 'cancelled', 'failed') OR (u.status = 'running' AND u.lease_expires_ms <= {PgClock.NowMs}))
                    AND u.id > COALESCE((SELECT MAX(c.id) FROM scan_runs c WHERE c.library_id = l.id AND c.status IN ('completed', 'resumed')), 0))
            FROM libraries l
            LEFT JOIN scan_runs r ON r.library_id = l.id AND r.status = 'running' AND r.lease_expires_ms > {PgClock.NowMs}
            WHERE @library::bigint IS NULL OR l.id = @library
            ORDER BY l.id;
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter("library", NpgsqlDbType.Bigint) { Value = libraryId is { } id ? id : DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var facts = new List<LibraryScanFacts>();
        while (await reader.ReadAsync(cancellationToken))
        {
            facts.Add(new LibraryScanFacts(
                reader.GetInt64(0),
                reader.IsDBNull(1) ? null : reader.GetInt64(1),
                reader.IsDBNull(2) ? null : reader.GetInt64(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetBoolean(4)));
        }

        return facts;
    }

    private static async Task<bool> PinnedElsewhereAsync(Tx tx, long libraryId, string owner, CancellationToken cancellationToken)
    {
        await using var pin = tx.Command("SELECT node FROM libraries WHERE id = @library;");
        pin.Parameters.AddWithValue("library", libraryId);
        return await pin.ExecuteScalarAsync(cancellationToken) is string node && !string.Equals(node, LeaseOwners.NodeOf(owner), StringComparison.Ordinal);
    }

    private static async Task<string?> TakeOverAsync(Tx tx, long libraryId, string? deadHolder, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var find = tx.Command($"SELECT id, lease_owner, COALESCE(lease_expires_ms > {PgClock.NowMs}, false) FROM scan_runs WHERE library_id = @library AND status = 'running' FOR UPDATE;");
        find.Parameters.AddWithValue("library", libraryId);
        long runId;
        string? owner;
        bool live;
        await using (var reader = await find.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            (runId, owner, live) = (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetBoolean(2));
        }

        var dead = owner is not null && string.Equals(owner, deadHolder, StringComparison.Ordinal);
        if (live && !dead)
        {
            return owner ?? string.Empty;
        }

        await using var interrupt = tx.Command("UPDATE scan_runs SET status = 'interrupted', error = @reason, finished_at = @now, lease_expires_ms = NULL, progress = NULL WHERE id = @id;");
        interrupt.Parameters.AddWithValue("id", runId);
        interrupt.Parameters.AddWithValue("now", PgTime.Write(now));
        interrupt.Parameters.AddWithValue("reason", dead ? $"its process ({owner}) died" : $"its lease ({owner}) expired and was taken over");
        await interrupt.ExecuteNonQueryAsync(cancellationToken);
        return null;
    }

    private async Task<bool> EndAsync(ScanClaim claim, string status, string error, bool dropPending, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        await using var tx = await Tx.BeginAsync(database, claim.LibraryId, cancellationToken);
        if (!await PgFence.IsHeldAsync(tx.Connection, tx.Transaction, claim, live: false, cancellationToken))
        {
            return false;
        }

        if (dropPending)
        {
            await DropCoveredPendingAsync(tx, claim, cancellationToken);
        }

        await FinishAsync(tx, claim, status, null, error, now, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task FinishAsync(Tx tx, ScanClaim claim, string status, string? result, string? error, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var finish = tx.Command(
            "UPDATE scan_runs SET status = @status, result = @result, error = @error, finished_at = @now, lease_expires_ms = NULL, progress = NULL WHERE id = @id;");
        finish.Parameters.AddWithValue("id", claim.RunId);
        finish.Parameters.AddWithValue("status", status);
        finish.Parameters.Add(new NpgsqlParameter("result", NpgsqlDbType.Jsonb) { Value = (object?)result ?? DBNull.Value });
        finish.Parameters.Add(new NpgsqlParameter("error", NpgsqlDbType.Text) { Value = (object?)error ?? DBNull.Value });
        finish.Parameters.AddWithValue("now", PgTime.Write(now));
        await finish.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task DropCoveredPendingAsync(Tx tx, ScanClaim claim, CancellationToken cancellationToken)
    {
        await using var drop = tx.Command(
            "DELETE FROM pending_scan_targets WHERE library_id = @library AND queued_at <= (SELECT pending_upto FROM scan_runs WHERE id = @id);");
        drop.Parameters.AddWithValue("library", claim.LibraryId);
        drop.Parameters.AddWithValue("id", claim.RunId);
        await drop.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task MarkLibraryStartedAsync(Tx tx, long libraryId, IReadOnlyList<string> folders, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var library = tx.Command("UPDATE libraries SET last_scan_started_at = @now, full_scan_in_progress = @full WHERE id = @library;");
        library.Parameters.AddWithValue("library", libraryId);
        library.Parameters.AddWithValue("now", PgTime.Write(now));
        library.Parameters.AddWithValue("full", folders is [""]);
        await library.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<List<string>> PendingFoldersAsync(Tx tx, long libraryId, CancellationToken cancellationToken)
    {
        await using var command = tx.Command("SELECT folder_path FROM pending_scan_targets WHERE library_id = @library;");
        command.Parameters.AddWithValue("library", libraryId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var folders = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            folders.Add(reader.GetString(0));
        }

        return folders;
    }

    private static async Task<(long RunId, long Token)> ReadClaimAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetInt64(1)) : (0, 0);
    }

    private static void BindTargets(NpgsqlCommand command, long libraryId, IReadOnlyList<string> folders)
    {
        command.Parameters.AddWithValue("library", libraryId);
        command.Parameters.Add(new NpgsqlParameter("targets", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(folders, NomarrJson.Options) });
        command.Parameters.AddWithValue("full", folders is [""]);
    }

    private static void BindLease(NpgsqlCommand command, string owner, TimeSpan leaseFor, DateTimeOffset now)
    {
        command.Parameters.AddWithValue("owner", owner);
        command.Parameters.AddWithValue("node", LeaseOwners.NodeOf(owner));
        command.Parameters.AddWithValue("lease_ms", LeaseMs(leaseFor));
        command.Parameters.AddWithValue("now", PgTime.Write(now));
    }

    private static long LeaseMs(TimeSpan leaseFor) => (long)leaseFor.TotalMilliseconds;

    private static ScanRun ReadRun(NpgsqlDataReader r)
    {
        var status = PgScanStatus.Parse(r.GetString(6));
        var lapsed = status == ScanRunStatus.Running && (r.IsDBNull(9) || !r.GetBoolean(9));
        return new ScanRun(
            r.GetInt64(0),
            r.GetInt64(1),
            JsonSerializer.Deserialize<string[]>(r.GetString(2), NomarrJson.Options) ?? [],
            r.GetBoolean(3),
            r.GetFieldValue<DateTimeOffset>(4),
            r.IsDBNull(5) ? null : r.GetFieldValue<DateTimeOffset>(5),
            lapsed ? ScanRunStatus.Interrupted : status,
            r.IsDBNull(7) ? null : JsonSerializer.Deserialize<ScanResult>(r.GetString(7), NomarrJson.Options),
            r.IsDBNull(8) ? (lapsed ? "its lease expired: the process stopped without finishing the scan" : null) : r.GetString(8))
        {
            Node = r.IsDBNull(10) ? null : r.GetString(10),
            Owner = r.IsDBNull(12) ? null : r.GetString(12),
            Progress = r.IsDBNull(11) || lapsed ? null : JsonSerializer.Deserialize<ScanProgress>(r.GetString(11), NomarrJson.Options),
        };
    }

    /// <summary>A transaction that holds the library's row lock: the ledger's operations on one library run one after another.</summary>
    private sealed class Tx : IAsyncDisposable
    {
        private Tx(NpgsqlConnection connection, NpgsqlTransaction transaction) => (Connection, Transaction) = (connection, transaction);

        public NpgsqlConnection Connection { get; }

        public NpgsqlTransaction Transaction { get; }

        public static async Task<Tx> BeginAsync(PostgresDatabase database, long libraryId, CancellationToken cancellationToken)
        {
            var connection = await database.OpenAsync(cancellationToken);
            try
            {
                var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using var lockRow = new NpgsqlCommand("SELECT 1 FROM libraries WHERE id = @library FOR UPDATE;", connection, transaction);
                lockRow.Parameters.AddWithValue("library", libraryId);
                await lockRow.ExecuteNonQueryAsync(cancellationToken);
                return new Tx(connection, transaction);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }

        public NpgsqlCommand Command(string sql) => new(sql, Connection, Transaction);

        public Task CommitAsync(CancellationToken cancellationToken) => Transaction.CommitAsync(cancellationToken);

        public async ValueTask DisposeAsync()
        {
            await Transaction.DisposeAsync();
            await Connection.DisposeAsync();
        }
    }
}
