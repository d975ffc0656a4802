using Microsoft.Data.Sqlite;
using Nomarr.Helpers.Libraries;

namespace Nomarr.Persistence.Sqlite;

/// <summary>
/// Which changes a write transaction logged: the log's last sequence number is taken when the
/// transaction begins (it holds the write lock, so no other writer adds any meanwhile), and the
/// rows above it are the transaction's own.
/// </summary>
internal static class SqliteChangeMarks
{
    public static async Task<long> MarkAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(seq), 0) FROM file_changes;";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public static async Task<IReadOnlyList<ChangeBatch>> SinceAsync(SqliteConnection connection, SqliteTransaction transaction, long mark, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT library_id, MIN(seq), MAX(seq) FROM file_changes WHERE seq > $mark GROUP BY library_id ORDER BY MIN(seq);";
        command.Parameters.AddWithValue("$mark", mark);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var batches = new List<ChangeBatch>();
        while (await reader.ReadAsync(cancellationToken))
        {
            batches.Add(new ChangeBatch(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)));
        }

        return batches;
    }
}
