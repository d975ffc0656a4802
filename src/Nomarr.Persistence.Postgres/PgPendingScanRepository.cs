using Npgsql;

namespace Nomarr.Persistence.Postgres;

internal sealed class PgPendingScanRepository(PostgresDatabase database) : IPendingScanRepository
{
    public async Task<PendingTargets?> GetAsync(long libraryId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT folder_path, queued_at FROM pending_scan_targets WHERE library_id = @library ORDER BY folder_path;", connection);
        command.Parameters.AddWithValue("library", libraryId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var folders = new List<string>();
        var newest = DateTimeOffset.MinValue;
        while (await reader.ReadAsync(cancellationToken))
        {
            folders.Add(reader.GetString(0));
            var queuedAt = reader.GetFieldValue<DateTimeOffset>(1);
            newest = queuedAt > newest ? queuedAt : newest;
        }

        return folders.Count == 0 ? null : new PendingTargets(libraryId, folders, newest);
    }

    public async Task<IReadOnlyList<long>> ListLibrariesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT DISTINCT library_id FROM pending_scan_targets ORDER BY library_id;", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<long>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }
}
