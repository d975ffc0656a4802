using Microsoft.Data.Sqlite;
using Nomarr.Helpers.Libraries;

namespace Nomarr.Persistence.Sqlite;

internal sealed class SqliteLibraryRepository(SqliteDatabase database) : ILibraryRepository
{
    private const string Columns =
        "id, name, root_path, created_at, watch, last_scan_at, last_scan_started_at, full_scan_in_progress, scan_lease_owner, scan_lease_expires_at, root_device, watch_mode, poll_seconds";

    public async Task<Library> AddAsync(string name, string rootPath, WatchMode watchMode, int? pollSeconds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO libraries (name, root_path, created_at, watch, watch_mode, poll_seconds)
            VALUES ($name, $root, $now, $mode <> 'off', $mode, $poll) RETURNING {Columns};
            """;
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$root", rootPath);
        command.Parameters.AddWithValue("$now", SqlTime.Write(now));
        command.Parameters.AddWithValue("$mode", WatchModes.Write(watchMode));
        command.Parameters.AddWithValue("$poll", pollSeconds is { } poll ? poll : DBNull.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return ReadLibrary(reader);
    }

    public async Task<IReadOnlyList<Library>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM libraries ORDER BY id;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var libraries = new List<Library>();
        while (await reader.ReadAsync(cancellationToken))
        {
            libraries.Add(ReadLibrary(reader));
        }

        return libraries;
    }

    public async Task<Library?> GetAsync(long libraryId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM libraries WHERE id = $id;";
        command.Parameters.AddWithValue("$id", libraryId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadLibrary(reader) : null;
    }

    public async Task<bool> RemoveAsync(long libraryId, CancellationToken cancellationToken) =>
        await ExecuteAsync("DELETE FROM libraries WHERE id = $id;", cancellationToken, ("$id", libraryId)) > 0;

    public async Task<bool> UpdateAsync(long libraryId, string? name, WatchMode? watchMode, int? pollSeconds, CancellationToken cancellationToken) =>
        await ExecuteAsync(
            """
            UPDATE libraries SET name = COALESCE($name, name), watch_mode = COALESCE($mode, watch_mode),
                watch = COALESCE($mode, watch_mode) <> 'off',
                poll_seconds = CASE WHEN $poll IS NULL THEN poll_seconds WHEN $poll = 0 THEN NULL ELSE $poll END
            WHERE id = $id;
            """,
            cancellationToken,
            ("$id", libraryId),
            ("$name", (object?)name ?? DBNull.Value),
            ("$mode", watchMode is { } mode ? WatchModes.Write(mode) : DBNull.Value),
            ("$poll", pollSeconds is { } poll ? poll : DBNull.Value)) > 0;

    public Task MarkScanStartedAsync(long libraryId, bool fullScan, DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "UPDATE libraries SET last_scan_started_at = $now, full_scan_in_progress = $full WHERE id = $id;",
            cancellationToken,
            ("$id", libraryId),
            ("$now", SqlTime.Write(now)),
            ("$full", fullScan));

    public Task SetRootDeviceAsync(long libraryId, long? device, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "UPDATE libraries SET root_device = $device WHERE id = $id;",
            cancellationToken,
            ("$id", libraryId),
            ("$device", device is { } d ? d : DBNull.Value));

    public async Task<string?> GetScanLeaseOwnerAsync(long libraryId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT scan_lease_owner FROM libraries WHERE id = $id;";
        command.Parameters.AddWithValue("$id", libraryId);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task<bool> TakeOverScanLeaseAsync(long libraryId, string deadOwner, string owner, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        await ExecuteAsync(
            "UPDATE libraries SET scan_lease_owner = $owner, scan_lease_expires_at = $expires WHERE id = $id AND scan_lease_owner = $dead;",
            cancellationToken,
            ("$id", libraryId),
            ("$owner", owner),
            ("$dead", deadOwner),
            ("$expires", SqlTime.Write(expiresAt))) > 0;

    public Task MarkScanCompletedAsync(long libraryId, DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "UPDATE libraries SET last_scan_at = $now, full_scan_in_progress = 0 WHERE id = $id;",
            cancellationToken,
            ("$id", libraryId),
            ("$now", SqlTime.Write(now)));

    public async Task<ScanState?> GetScanStateAsync(long libraryId, CancellationToken cancellationToken) =>
        await GetAsync(libraryId, cancellationToken) is { } library
            ? new ScanState(library.LastScanStartedAt, library.LastScanAt, library.FullScanInProgress)
            : null;

    public async Task<(bool WasInterrupted, bool WasFullScan)> CheckInterruptedScanAsync(long libraryId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT last_scan_started_at, last_scan_at, full_scan_in_progress, scan_lease_expires_at FROM libraries WHERE id = $id;";
        command.Parameters.AddWithValue("$id", libraryId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return (false, false);
        }

        var state = new ScanState(SqlTime.ReadNullable(reader.GetValue(0)), SqlTime.ReadNullable(reader.GetValue(1)), reader.GetBoolean(2));
        var leaseLive = SqlTime.ReadNullable(reader.GetValue(3)) is { } expires && expires > now;
        return state.IsUnfinished && !leaseLive ? (true, state.FullScanInProgress) : (false, false);
    }

    public async Task<bool> TryAcquireScanLeaseAsync(long libraryId, string owner, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        await ExecuteAsync(
            """
            UPDATE libraries SET scan_lease_owner = $owner, scan_lease_expires_at = $expires
            WHERE id = $id AND (scan_lease_owner IS NULL OR scan_lease_owner = $owner OR scan_lease_expires_at <= $now);
            """,
            cancellationToken,
            ("$id", libraryId),
            ("$owner", owner),
            ("$now", SqlTime.Write(now)),
            ("$expires", SqlTime.Write(expiresAt))) > 0;

    public Task ReleaseScanLeaseAsync(long libraryId, string owner, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "UPDATE libraries SET scan_lease_owner = NULL, scan_lease_expires_at = NULL WHERE id = $id AND scan_lease_owner = $owner;",
            cancellationToken,
            ("$id", libraryId),
            ("$owner", owner));

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static Library ReadLibrary(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        SqlTime.Read(reader.GetString(3)),
        reader.GetBoolean(4),
        SqlTime.ReadNullable(reader.GetValue(5)),
        SqlTime.ReadNullable(reader.GetValue(6)),
        reader.GetBoolean(7))
    {
        RootDevice = reader.IsDBNull(10) ? null : reader.GetInt64(10),
        WatchMode = WatchModes.Read(reader.GetString(11)),
        PollSeconds = reader.IsDBNull(12) ? null : reader.GetInt32(12),
    };
}
