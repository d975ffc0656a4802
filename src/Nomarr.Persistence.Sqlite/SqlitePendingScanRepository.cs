using Microsoft.Data.Sqlite;
using Nomarr.Helpers.Scanning;

namespace Nomarr.Persistence.Sqlite;

internal sealed class SqlitePendingScanRepository(SqliteDatabase database) : IPendingScanRepository
{
    public async Task AddAsync(IReadOnlyList<ScanTarget> targets, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO pending_scan_targets (library_id, folder_path, queued_at) VALUES ($library, $folder, $now)
            ON CONFLICT (library_id, folder_path) DO UPDATE SET queued_at = excluded.queued_at;
            """;
        var library = command.Parameters.Add("$library", SqliteType.Integer);
        var folder = command.Parameters.Add("$folder", SqliteType.Text);
        command.Parameters.AddWithValue("$now", SqlTime.Write(now));
        foreach (var target in targets)
        {
            library.Value = target.LibraryId;
            folder.Value = target.FolderPath;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<PendingTargets?> GetAsync(long libraryId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT folder_path, queued_at FROM pending_scan_targets WHERE library_id = $library ORDER BY folder_path;";
        command.Parameters.AddWithValue("$library", libraryId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var folders = new List<string>();
        var newest = DateTimeOffset.MinValue;
        while (await reader.ReadAsync(cancellationToken))
        {
            folders.Add(reader.GetString(0));
            var queuedAt = SqlTime.Read(reader.GetString(1));
            newest = queuedAt > newest ? queuedAt : newest;
        }

        return folders.Count == 0 ? null : new PendingTargets(libraryId, folders, newest);
    }

    public async Task<IReadOnlyList<long>> ListLibrariesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT library_id FROM pending_scan_targets ORDER BY library_id;";
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
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM pending_scan_targets WHERE library_id = $library AND folder_path = $folder AND queued_at <= $upTo;";
        command.Parameters.AddWithValue("$library", libraryId);
        command.Parameters.AddWithValue("$upTo", SqlTime.Write(upTo));
        var folder = command.Parameters.Add("$folder", SqliteType.Text);
        foreach (var path in folders)
        {
            folder.Value = path;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
