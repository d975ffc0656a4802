using System.Data;
using Nomarr.Helpers.Libraries;
using Npgsql;

namespace Nomarr.Persistence.Postgres;

internal sealed class PgFileChangeLog(PostgresDatabase database) : IFileChangeLog
{
    public async Task<ChangePage> ReadAsync(long since, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(since);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var connection = await database.OpenAsync(cancellationToken);

        // One snapshot: the floor and the rows are of the same moment.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT COALESCE((SELECT through_seq FROM file_changes_pruned WHERE id = 1), 0);" +
            "SELECT seq, library_id, file_id, kind, path, old_path, changed_at FROM file_changes WHERE seq > @since ORDER BY seq LIMIT @limit;",
            connection,
            transaction);
        command.Parameters.AddWithValue("since", since);
        command.Parameters.AddWithValue("limit", limit);
        var changes = new List<FileChange>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            if (since < reader.GetInt64(0))
            {
                return new ChangePage([], since, Expired: true);
            }

            await reader.NextResultAsync(cancellationToken);
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
        }

        await transaction.CommitAsync(cancellationToken);
        return new ChangePage(changes, changes.Count > 0 ? changes[^1].Seq : since, Expired: false);
    }

    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Under the log's lock, so that no writer is between taking a number and committing it.
        // Only a prefix of the log is pruned, so that the floor says exactly what a reader may have missed.
        await using (var floor = new NpgsqlCommand(
            """
            SELECT nomarr_lock_changes();
            INSERT INTO file_changes_pruned AS p (id, through_seq)
                SELECT 1, max(seq) FROM file_changes
                WHERE changed_at < @before
                  AND seq < COALESCE((SELECT min(seq) FROM file_changes WHERE changed_at >= @before), 9223372036854775807)
                HAVING max(seq) IS NOT NULL
            ON CONFLICT (id) DO UPDATE SET through_seq = GREATEST(p.through_seq, excluded.through_seq);
            """,
            connection,
            transaction))
        {
            floor.Parameters.AddWithValue("before", PgTime.Write(before));
            await floor.ExecuteNonQueryAsync(cancellationToken);
        }

        int pruned;
        await using (var delete = new NpgsqlCommand(
            "DELETE FROM file_changes WHERE seq <= COALESCE((SELECT through_seq FROM file_changes_pruned WHERE id = 1), 0);", connection, transaction))
        {
            pruned = await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return pruned;
    }
}
