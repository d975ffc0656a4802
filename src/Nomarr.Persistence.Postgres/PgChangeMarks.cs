using Nomarr.Helpers.Libraries;
using Npgsql;

namespace Nomarr.Persistence.Postgres;

/// <summary>
/// Which changes a write transaction logged. The transaction first takes the log's lock
/// (nomarr_lock_changes, held until it ends, as the log's triggers take it), so no other writer
/// adds to the log meanwhile: the log's last sequence number then, and the rows above it at commit,
/// are the transaction's own, and sequence numbers grow in commit order.
/// </summary>
internal static class PgChangeMarks
{
    public static async Task<long> MarkAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT nomarr_lock_changes(); SELECT COALESCE(max(seq), 0) FROM file_changes;", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return reader.GetInt64(0);
    }

    public static async Task<IReadOnlyList<ChangeBatch>> SinceAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long mark, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT library_id, min(seq), max(seq) FROM file_changes WHERE seq > @mark GROUP BY library_id ORDER BY min(seq);", connection, transaction);
        command.Parameters.AddWithValue("mark", mark);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var batches = new List<ChangeBatch>();
        while (await reader.ReadAsync(cancellationToken))
        {
            batches.Add(new ChangeBatch(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)));
        }

        return batches;
    }
}
