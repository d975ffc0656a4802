using Nomarr.Helpers.Libraries;
using Npgsql;

namespace Nomarr.Persistence.Postgres;

/// <summary>The change log on PostgreSQL, written by the trigger of migration 5 in the transaction of each change.</summary>
internal sealed class PgFileChangeLog(PostgresDatabase database) : IFileChangeLog
{
    public async Task<ChangePage> ReadAsync(long since, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(since);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var connection = await database.OpenAsync(cancellationToken);

        // One snapshot: the floor and the rows are of the same moment.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT through_seq FROM file_changes_pruned WHERE id = 1;" +
            "SELECT seq, library_id, file_id, kind, path, old_path, changed_at FROM file_changes WHERE seq > @since ORDER BY seq LIMIT @limit;",
            connection,
            transaction);
        command.Parameters.AddWithValue("since", since);
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        if (since < reader.GetInt64(0))
        {
            return new ChangePage([], since, Expired: true);
        }

        await reader.NextResultAsync(cancellationToken);
        var changes = new List<FileChange>();
        while (await reader.ReadAsync(cancellationToken))
        {
            changes.Add(new FileChange(
                reader.GetInt64(0),
                reader.GetInt64(1),
                reader.GetInt64(2),
                Enum.Parse<FileChangeKind>(reader.GetString(3), ignoreCase: true),
                reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetFieldValue<DateTimeOffset>(6)));
        }

        return new ChangePage(changes, changes.Count > 0 ? changes[^1].Seq : since, Expired: false);
    }

    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Only a prefix of the log is pruned, so that the floor says exactly what a reader may have missed.
        await using var command = new NpgsqlCommand(
            """
            UPDATE file_changes_pruned SET through_seq = GREATEST(through_seq, COALESCE(
                (SELECT MAX(seq) FROM file_changes WHERE changed_at < @before
                   AND seq < COALESCE((SELECT MIN(seq) FROM file_changes WHERE changed_at >= @before), 9223372036854775807)), 0))
            WHERE id = 1;
            DELETE FROM file_changes WHERE seq <= (SELECT through_seq FROM file_changes_pruned WHERE id = 1);
            """,
            connection,
            transaction);
        command.Parameters.AddWithValue("before", PgTime.Write(before));
        var pruned = await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Math.Max(0, pruned - 1);
    }
}
