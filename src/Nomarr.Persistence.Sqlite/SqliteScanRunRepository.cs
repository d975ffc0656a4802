using System.Text.Json;
using Microsoft.Data.Sqlite;
using Nomarr.Helpers.Json;
using Nomarr.Helpers.Scanning;

namespace Nomarr.Persistence.Sqlite;

internal sealed class SqliteScanRunRepository(SqliteDatabase database) : IScanRunRepository
{
    private const string Columns = "id, library_id, targets, full_scan, started_at, finished_at, status, result, error";

    public async Task<long> StartAsync(long libraryId, IReadOnlyList<string> targets, bool fullScan, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "INSERT INTO scan_runs (library_id, targets, full_scan, started_at, status) VALUES ($library, $targets, $full, $now, $status) RETURNING id;";
        command.Parameters.AddWithValue("$library", libraryId);
        command.Parameters.AddWithValue("$targets", JsonSerializer.Serialize(targets, NomarrJson.Options));
        command.Parameters.AddWithValue("$full", fullScan);
        command.Parameters.AddWithValue("$now", SqlTime.Write(now));
        command.Parameters.AddWithValue("$status", StatusText(ScanRunStatus.Running));
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<long> QueueAsync(long libraryId, IReadOnlyList<string> folders, bool fullScan, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();

        // One statement, so the library never has two queued runs: join the queued one, or insert one.
        command.CommandText = """
            UPDATE scan_runs SET targets = $targets, full_scan = $full
            WHERE id = (SELECT id FROM scan_runs WHERE library_id = $library AND status = $queued ORDER BY id LIMIT 1)
            RETURNING id;
            """;
        command.Parameters.AddWithValue("$library", libraryId);
        command.Parameters.AddWithValue("$targets", JsonSerializer.Serialize(folders, NomarrJson.Options));
        command.Parameters.AddWithValue("$full", fullScan);
        command.Parameters.AddWithValue("$queued", StatusText(ScanRunStatus.Queued));
        command.Parameters.AddWithValue("$now", SqlTime.Write(now));
        if (await command.ExecuteScalarAsync(cancellationToken) is long joined)
        {
            return joined;
        }

        command.CommandText =
            "INSERT INTO scan_runs (library_id, targets, full_scan, started_at, status) VALUES ($library, $targets, $full, $now, $queued) RETURNING id;";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<long?> ClaimQueuedAsync(long libraryId, IReadOnlyList<string> folders, bool fullScan, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE scan_runs SET status = $running, targets = $targets, full_scan = $full, started_at = $now
            WHERE id = (SELECT id FROM scan_runs WHERE library_id = $library AND status = $queued ORDER BY id LIMIT 1)
            RETURNING id;
            """;
        command.Parameters.AddWithValue("$library", libraryId);
        command.Parameters.AddWithValue("$targets", JsonSerializer.Serialize(folders, NomarrJson.Options));
        command.Parameters.AddWithValue("$full", fullScan);
        command.Parameters.AddWithValue("$now", SqlTime.Write(now));
        command.Parameters.AddWithValue("$running", StatusText(ScanRunStatus.Running));
        command.Parameters.AddWithValue("$queued", StatusText(ScanRunStatus.Queued));
        return await command.ExecuteScalarAsync(cancellationToken) as long?;
    }

    public async Task<bool> CancelQueuedAsync(long scanId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE scan_runs SET status = $cancelled, error = 'cancelled before it started', finished_at = $now WHERE id = $id AND status = $queued;";
        command.Parameters.AddWithValue("$id", scanId);
        command.Parameters.AddWithValue("$now", SqlTime.Write(now));
        command.Parameters.AddWithValue("$cancelled", StatusText(ScanRunStatus.Cancelled));
        command.Parameters.AddWithValue("$queued", StatusText(ScanRunStatus.Queued));
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task FinishAsync(long scanId, ScanRunStatus status, ScanResult? result, string? errorMessage, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE scan_runs SET status = $status, result = $result, error = $error, finished_at = $now WHERE id = $id;";
        command.Parameters.AddWithValue("$id", scanId);
        command.Parameters.AddWithValue("$status", StatusText(status));
        command.Parameters.AddWithValue("$result", result is null ? DBNull.Value : JsonSerializer.Serialize(result, NomarrJson.Options));
        command.Parameters.AddWithValue("$error", (object?)errorMessage ?? DBNull.Value);
        command.Parameters.AddWithValue("$now", SqlTime.Write(now));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<ScanRun?> GetAsync(long scanId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM scan_runs WHERE id = $id;";
        command.Parameters.AddWithValue("$id", scanId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadRun(reader) : null;
    }

    public async Task<IReadOnlyList<ScanRun>> ListUnfinishedAsync(long libraryId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            $"SELECT {Columns} FROM scan_runs WHERE library_id = $library AND status IN ('running', 'cancelled', 'failed', 'interrupted') " +
            "AND id > COALESCE((SELECT MAX(id) FROM scan_runs WHERE library_id = $library AND status IN ('completed', 'resumed')), 0) ORDER BY id;";
        command.Parameters.AddWithValue("$library", libraryId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var runs = new List<ScanRun>();
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(ReadRun(reader));
        }

        return runs;
    }

    public async Task SetStatusAsync(IReadOnlyCollection<long> scanIds, ScanRunStatus status, CancellationToken cancellationToken)
    {
        if (scanIds.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE scan_runs SET status = $status WHERE id IN (SELECT value FROM json_each($ids));";
        command.Parameters.AddWithValue("$status", StatusText(status));
        command.Parameters.AddWithValue("$ids", JsonSerializer.Serialize(scanIds));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ScanRun>> ListAsync(long? libraryId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM scan_runs WHERE ($library IS NULL OR library_id = $library) ORDER BY id DESC LIMIT $limit;";
        command.Parameters.AddWithValue("$library", (object?)libraryId ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var runs = new List<ScanRun>();
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(ReadRun(reader));
        }

        return runs;
    }

    private static string StatusText(ScanRunStatus status) => JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());

    private static ScanRunStatus ParseStatus(string text) => Enum.Parse<ScanRunStatus>(text.Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true);

    private static ScanRun ReadRun(SqliteDataReader r) => new(
        r.GetInt64(0),
        r.GetInt64(1),
        JsonSerializer.Deserialize<string[]>(r.GetString(2), NomarrJson.Options) ?? [],
        r.GetBoolean(3),
        SqlTime.Read(r.GetString(4)),
        SqlTime.ReadNullable(r.GetValue(5)),
        ParseStatus(r.GetString(6)),
        r.IsDBNull(7) ? null : JsonSerializer.Deserialize<ScanResult>(r.GetString(7), NomarrJson.Options),
        r.IsDBNull(8) ? null : r.GetString(8));
}
