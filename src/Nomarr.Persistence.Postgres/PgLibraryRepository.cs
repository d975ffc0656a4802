using Nomarr.Helpers.Errors;
using Nomarr.Helpers.Libraries;
using Npgsql;
using NpgsqlTypes;

namespace Nomarr.Persistence.Postgres;

internal sealed class PgLibraryRepository(PostgresDatabase database) : ILibraryRepository
{
    private const string Columns =
        "id, name, root_path, created_at, watch, last_scan_at, last_scan_started_at, full_scan_in_progress, root_device, watch_mode, poll_seconds, node";

    public async Task<Library> AddAsync(string name, string rootPath, WatchMode watchMode, int? pollSeconds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"""
            INSERT INTO libraries (name, root_path, created_at, watch, watch_mode, poll_seconds)
            VALUES (@name, @root, @now, @mode <> 'off', @mode, @poll) RETURNING {Columns};
            """,
            connection);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("root", rootPath);
        command.Parameters.AddWithValue("now", PgTime.Write(now));
        command.Parameters.Add(new NpgsqlParameter("mode", NpgsqlDbType.Text) { Value = ModeText(watchMode) });
        command.Parameters.Add(new NpgsqlParameter("poll", NpgsqlDbType.Integer) { Value = pollSeconds is { } poll ? poll : DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return ReadLibrary(reader);
    }

    public async Task<IReadOnlyList<Library>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM libraries ORDER BY id;", connection);
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
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM libraries WHERE id = @id;", connection);
        command.Parameters.AddWithValue("id", libraryId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadLibrary(reader) : null;
    }

    public async Task<bool> RemoveAsync(long libraryId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The library's row lock orders this against every claim of the library (the ledger takes it too).
        await using var command = new NpgsqlCommand("SELECT 1 FROM libraries WHERE id = @id FOR UPDATE;", connection, transaction);
        command.Parameters.Add(Bigint("id", libraryId));
        await command.ExecuteNonQueryAsync(cancellationToken);
        command.CommandText = $"SELECT count(*) FROM scan_runs WHERE library_id = @id AND status = 'running' AND lease_expires_ms > {PgClock.NowMs};";
        if ((long)(await command.ExecuteScalarAsync(cancellationToken))! > 0)
        {
            throw new ScanAlreadyRunningException(libraryId);
        }

        command.CommandText = "DELETE FROM libraries WHERE id = @id;";
        var removed = await command.ExecuteNonQueryAsync(cancellationToken) > 0;
        await transaction.CommitAsync(cancellationToken);
        return removed;
    }

    public async Task<bool> UpdateAsync(long libraryId, string? name, WatchMode? watchMode, int? pollSeconds, CancellationToken cancellationToken) =>
        await ExecuteAsync(
            """
            UPDATE libraries SET name = COALESCE(@name, name), watch_mode = COALESCE(@mode, watch_mode),
                watch = COALESCE(@mode, watch_mode) <> 'off',
                poll_seconds = CASE WHEN @poll IS NULL THEN poll_seconds WHEN @poll = 0 THEN NULL ELSE @poll END
            WHERE id = @id;
            """,
            cancellationToken,
            Bigint("id", libraryId),
            new NpgsqlParameter("name", NpgsqlDbType.Text) { Value = (object?)name ?? DBNull.Value },
            new NpgsqlParameter("mode", NpgsqlDbType.Text) { Value = watchMode is { } mode ? ModeText(mode) : DBNull.Value },
            new NpgsqlParameter("poll", NpgsqlDbType.Integer) { Value = pollSeconds is { } poll ? poll : DBNull.Value }) > 0;

    public async Task<bool> SetNodeAsync(long libraryId, string? node, CancellationToken cancellationToken) =>
        await ExecuteAsync(
            "UPDATE libraries SET node = @node WHERE id = @id;",
            cancellationToken,
            Bigint("id", libraryId),
            new NpgsqlParameter("node", NpgsqlDbType.Text) { Value = (object?)node ?? DBNull.Value }) > 0;

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlParameter Bigint(string name, long value) => new(name, NpgsqlDbType.Bigint) { Value = value };

    private static DateTimeOffset? NullableTime(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    private static Library ReadLibrary(NpgsqlDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetFieldValue<DateTimeOffset>(3),
        reader.GetBoolean(4),
        NullableTime(reader, 5),
        NullableTime(reader, 6),
        reader.GetBoolean(7))
    {
        RootDevice = reader.IsDBNull(8) ? null : reader.GetInt64(8),
        WatchMode = Enum.Parse<WatchMode>(reader.GetString(9), ignoreCase: true),
        PollSeconds = reader.IsDBNull(10) ? null : reader.GetInt32(10),
        Node = reader.IsDBNull(11) ? null : reader.GetString(11),
    };

    /// <summary>The watch_mode column's text: the mode's name in lower case.</summary>
    private static string ModeText(WatchMode mode) => mode.ToString().ToLowerInvariant();
}
