using System.Text.Json;
using Nomarr.Helpers.Json;
using Nomarr.Helpers.Scanning;
using Npgsql;
using NpgsqlTypes;

namespace Nomarr.Persistence.Postgres;

internal sealed class PgScanRunRepository(PostgresDatabase database) : IScanRunRepository
{
    private const string Columns = "id, library_id, targets, full_scan, started_at, finished_at, status, result, error";

    public async Task<long> StartAsync(long libraryId, IReadOnlyList<string> targets, bool fullScan, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "INSERT INTO scan_runs (library_id, targets, full_scan, started_at, status) VALUES (@library, @targets, @full, @now, @status) RETURNING id;", connection);
        command.Parameters.AddWithValue("library", libraryId);
        command.Parameters.Add(Json("targets", targets));
        command.Parameters.AddWithValue("full", fullScan);
        command.Parameters.AddWithValue("now", PgTime.Write(now));
        command.Parameters.AddWithValue("status", PgScanStatus.Text(ScanRunStatus.Running));
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<long> QueueAsync(long libraryId, IReadOnlyList<string> folders, bool fullScan, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);

        // One statement: join the library's queued run, or insert one.
        await using var command = new NpgsqlCommand(
            """
            WITH joined AS (
                UPDATE scan_runs SET targets = @targets, full_scan = @full
                WHERE id = (SELECT id FROM scan_runs WHERE library_id = @library AND status = @queued ORDER BY id LIMIT 1)
                RETURNING id),
            added AS (
                INSERT INTO scan_runs (library_id, targets, full_scan, started_at, status)
                SELECT @library, @targets, @full, @now, @queued WHERE NOT EXISTS (SELECT 1 FROM joined)
                RETURNING id)
            SELECT id FROM joined UNION ALL SELECT id FROM added;
            """,
            connection);
        command.Parameters.AddWithValue("library", libraryId);
        command.Parameters.Add(Json("targets", folders));
        command.Parameters.AddWithValue("full", fullScan);
        command.Parameters.AddWithValue("queued", PgScanStatus.Text(ScanRunStatus.Queued));
        command.Parameters.AddWithValue("now", PgTime.Write(now));
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<long?> ClaimQueuedAsync(long libraryId, IReadOnlyList<string> folders, bool fullScan, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            UPDATE scan_runs SET status = @running, targets = @targets, full_scan = @full, started_at = @now
            WHERE id = (SELECT id FROM scan_runs WHERE library_id = @library AND status = @queued ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING id;
            """,
            connection);
        command.Parameters.AddWithValue("library", libraryId);
        command.Parameters.Add(Json("targets", folders));
        command.Parameters.AddWithValue("full", fullScan);
        command.Parameters.AddWithValue("now", PgTime.Write(now));
        command.Parameters.AddWithValue("running", PgScanStatus.Text(ScanRunStatus.Running));
        command.Parameters.AddWithValue("queued", PgScanStatus.Text(ScanRunStatus.Queued));
        return await command.ExecuteScalarAsync(cancellationToken) as long?;
    }

    public async Task<bool> CancelQueuedAsync(long scanId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "UPDATE scan_runs SET status = @cancelled, error = 'cancelled before it started', finished_at = @now WHERE id = @id AND status = @queued;", connection);
        command.Parameters.AddWithValue("id", scanId);
        command.Parameters.AddWithValue("now", PgTime.Write(now));
        command.Parameters.AddWithValue("cancelled", PgScanStatus.Text(ScanRunStatus.Cancelled));
        command.Parameters.AddWithValue("queued", PgScanStatus.Text(ScanRunStatus.Queued));
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task FinishAsync(long scanId, ScanRunStatus status, ScanResult? result, string? errorMessage, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "UPDATE scan_runs SET status = @status, result = @result, error = @error, finished_at = @now WHERE id = @id;", connection);
        command.Parameters.AddWithValue("id", scanId);
        command.Parameters.AddWithValue("status", PgScanStatus.Text(status));
        command.Parameters.Add(new NpgsqlParameter("result", NpgsqlDbType.Jsonb)
        {
            Value = result is null ? DBNull.Value : JsonSerializer.Serialize(result, NomarrJson.Options),
        });
        command.Parameters.Add(new NpgsqlParameter("error", NpgsqlDbType.Text) { Value = (object?)errorMessage ?? DBNull.Value });
        command.Parameters.AddWithValue("now", PgTime.Write(now));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<ScanRun?> GetAsync(long scanId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM scan_runs WHERE id = @id;", connection);
        command.Parameters.AddWithValue("id", scanId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadRun(reader) : null;
    }

    public async Task<IReadOnlyList<ScanRun>> ListUnfinishedAsync(long libraryId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"SELECT {Columns} FROM scan_runs WHERE library_id = @library AND status IN ('running', 'cancelled', 'failed', 'interrupted') " +
            "AND id > COALESCE((SELECT MAX(id) FROM scan_runs WHERE library_id = @library AND status IN ('completed', 'resumed')), 0) ORDER BY id;",
            connection);
        command.Parameters.AddWithValue("library", libraryId);
        return await ReadRunsAsync(command, cancellationToken);
    }

    public async Task SetStatusAsync(IReadOnlyCollection<long> scanIds, ScanRunStatus status, CancellationToken cancellationToken)
    {
        if (scanIds.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("UPDATE scan_runs SET status = @status WHERE id = ANY (@ids);", connection);
        command.Parameters.AddWithValue("status", PgScanStatus.Text(status));
        command.Parameters.AddWithValue("ids", scanIds.ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ScanRun>> ListAsync(long? libraryId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"SELECT {Columns} FROM scan_runs WHERE (@library::bigint IS NULL OR library_id = @library) ORDER BY id DESC LIMIT @limit;", connection);
        command.Parameters.Add(new NpgsqlParameter("library", NpgsqlDbType.Bigint) { Value = (object?)libraryId ?? DBNull.Value });
        command.Parameters.AddWithValue("limit", limit);
        return await ReadRunsAsync(command, cancellationToken);
    }

    private static NpgsqlParameter Json(string name, IReadOnlyList<string> value) =>
        new(name, NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(value, NomarrJson.Options) };

    private static async Task<IReadOnlyList<ScanRun>> ReadRunsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var runs = new List<ScanRun>();
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(ReadRun(reader));
        }

        return runs;
    }

    private static ScanRun ReadRun(NpgsqlDataReader r) => new(
        r.GetInt64(0),
        r.GetInt64(1),
        JsonSerializer.Deserialize<string[]>(r.GetString(2), NomarrJson.Options) ?? [],
        r.GetBoolean(3),
        r.GetFieldValue<DateTimeOffset>(4),
        r.IsDBNull(5) ? null : r.GetFieldValue<DateTimeOffset>(5),
        PgScanStatus.Parse(r.GetString(6)),
        r.IsDBNull(7) ? null : JsonSerializer.Deserialize<ScanResult>(r.GetString(7), NomarrJson.Options),
        r.IsDBNull(8) ? null : r.GetString(8));
}
