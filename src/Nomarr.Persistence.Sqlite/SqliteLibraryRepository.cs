using Microsoft.Data.Sqlite;
using Nomarr.Helpers.Errors;
using Nomarr.Helpers.Libraries;

namespace Nomarr.Persistence.Sqlite;

internal sealed class SqliteLibraryRepository(SqliteDatabase database) : ILibraryRepository
{
    private const string Columns =
        "id, name, root_path, created_at, watch, last_scan_at, last_scan_started_at, full_scan_in_progress, root_device, watch_mode, poll_seconds, node";

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

    public async Task<bool> RemoveAsync(long libraryId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT COUNT(*) FROM scan_runs WHERE library_id = $id AND status = 'running' AND lease_expires_ms > {SqlClock.NowMs};";
        command.Parameters.AddWithValue("$id", libraryId);
        if ((long)(await command.ExecuteScalarAsync(cancellationToken))! > 0)
        {
            throw new ScanAlreadyRunningException(libraryId);
        }

        command.CommandText = "DELETE FROM libraries WHERE id = $id;";
        var removed = await command.ExecuteNonQueryAsync(cancellationToken) > 0;
        await transaction.CommitAsync(cancellationToken);
        return removed;
    }

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

    public async Task<bool> SetNodeAsync(long libraryId, string? node, CancellationToken cancellationToken) =>
        await ExecuteAsync("UPDATE libraries SET node = $node WHERE id = $id;", cancellationToken, ("$id", libraryId), ("$node", (object?)node ?? DBNull.Value)) > 0;

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
        RootDevice = reader.IsDBNull(8) ? null : reader.GetInt64(8),
        WatchMode = WatchModes.Read(reader.GetString(9)),
        PollSeconds = reader.IsDBNull(10) ? null : reader.GetInt32(10),
        Node = reader.IsDBNull(11) ? null : reader.GetString(11),
    };
}
