using Nomarr.Helpers.Scanning;
using Npgsql;

namespace Nomarr.Persistence.Postgres;

internal sealed class PgPendingScanRepository(PostgresDatabase database) : IPendingScanRepository
{
    public async Task AddAsync(IReadOnlyList<ScanTarget> targets, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // One statement may not touch a row twice, so a target given twice is written once.
        var distinct = targets.Select(t => (t.LibraryId, t.FolderPath)).Distinct().ToList();
        if (distinct.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO pending_scan_targets (library_id, folder_path, queued_at)
            SELECT t.library_id, t.folder_path, @now FROM unnest(@libraries, @folders) AS t (library_id, folder_path)
            ON CONFLICT (library_id, folder_path) DO UPDATE SET queued_at = excluded.queued_at;
            """,
            connection);
        command.Parameters.AddWithValue("libraries", distinct.Select(t => t.LibraryId).ToArray());
        command.Parameters.AddWithValue("folders", distinct.Select(t => t.FolderPath).ToArray());
        command.Parameters.AddWithValue("now", PgTime.Write(now));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

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

    public async Task RemoveAsync(long libraryId, IReadOnlyList<string> folders, DateTimeOffset upTo, CancellationToken cancellationToken)
    {
        if (folders.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "DELETE FROM pending_scan_targets WHERE library_id = @library AND folder_path = ANY (@folders) AND queued_at <= @upTo;", connection);
        command.Parameters.AddWithValue("library", libraryId);
        command.Parameters.AddWithValue("folders", folders.ToArray());
        command.Parameters.AddWithValue("upTo", PgTime.Write(upTo));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
