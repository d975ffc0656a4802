using Microsoft.Data.Sqlite;
using Nomarr.Helpers.Libraries;

namespace Nomarr.Persistence.Sqlite;

internal sealed class SqlitePlaylistRepository(SqliteDatabase database) : IPlaylistRepository
{
    public async Task<IReadOnlyList<KnownPlaylist>> ListKnownAsync(long libraryId, IReadOnlyList<string> folders, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT p.id, p.normalized_path, p.size, p.mtime, EXISTS (SELECT 1 FROM playlist_entries e WHERE e.playlist_id = p.id AND e.file_id IS NULL) " +
            $"FROM playlists p WHERE p.library_id = $library AND {SqlFolders.Where(command, folders, "p.normalized_path")};";
        command.Parameters.AddWithValue("$library", libraryId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var known = new List<KnownPlaylist>();
        while (await reader.ReadAsync(cancellationToken))
        {
            known.Add(new KnownPlaylist(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetBoolean(4)));
        }

        return known;
    }

    public async Task SaveAsync(long libraryId, IReadOnlyList<PlaylistRecord> playlists, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (playlists.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText = """
            INSERT INTO playlists (library_id, normalized_path, size, mtime, updated_at) VALUES ($library, $path, $size, $mtime, $now)
            ON CONFLICT (library_id, normalized_path) DO UPDATE SET size = $size, mtime = $mtime, updated_at = $now
            RETURNING id;
            """;
        upsert.Parameters.AddWithValue("$library", libraryId);
        upsert.Parameters.AddWithValue("$now", SqlTime.Write(now));
        var path = upsert.Parameters.Add("$path", SqliteType.Text);
        var size = upsert.Parameters.Add("$size", SqliteType.Integer);
        var mtime = upsert.Parameters.Add("$mtime", SqliteType.Integer);
        await using var entry = connection.CreateCommand();
        entry.Transaction = transaction;
        entry.CommandText = "INSERT INTO playlist_entries (playlist_id, position, text, file_id) VALUES ($playlist, $position, $text, $file);";
        await using var clear = connection.CreateCommand();
        clear.Transaction = transaction;
        clear.CommandText = "DELETE FROM playlist_entries WHERE playlist_id = $playlist;";
        var cleared = clear.Parameters.Add("$playlist", SqliteType.Integer);
        var playlist = entry.Parameters.Add("$playlist", SqliteType.Integer);
        var position = entry.Parameters.Add("$position", SqliteType.Integer);
        var text = entry.Parameters.Add("$text", SqliteType.Text);
        var file = entry.Parameters.Add("$file", SqliteType.Integer);
        foreach (var record in playlists)
        {
            path.Value = record.Path;
            size.Value = record.Size;
            mtime.Value = record.MtimeNs;
            playlist.Value = cleared.Value = (long)(await upsert.ExecuteScalarAsync(cancellationToken))!;
            await clear.ExecuteNonQueryAsync(cancellationToken);
            for (var i = 0; i < record.Entries.Count; i++)
            {
                position.Value = i;
                text.Value = record.Entries[i].Text;
                file.Value = record.Entries[i].FileId is { } id ? id : DBNull.Value;
                await entry.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task RemoveAsync(long libraryId, IReadOnlyCollection<long> playlistIds, CancellationToken cancellationToken)
    {
        if (playlistIds.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM playlists WHERE library_id = $library AND id IN (SELECT value FROM json_each($ids));";
        command.Parameters.AddWithValue("$library", libraryId);
        command.Parameters.AddWithValue("$ids", System.Text.Json.JsonSerializer.Serialize(playlistIds));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task<IReadOnlyList<Playlist>> ListAsync(long? libraryId, CancellationToken cancellationToken) =>
        ReadAsync("($library IS NULL OR p.library_id = $library)", "$library", (object?)libraryId ?? DBNull.Value, cancellationToken);

    public async Task<Playlist?> GetAsync(long playlistId, CancellationToken cancellationToken) =>
        (await ReadAsync("p.id = $id", "$id", playlistId, cancellationToken)).SingleOrDefault();

    private async Task<IReadOnlyList<Playlist>> ReadAsync(string filter, string name, object value, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT p.id, p.library_id, p.normalized_path, e.text, e.file_id, f.normalized_path FROM playlists p " +
            "LEFT JOIN playlist_entries e ON e.playlist_id = p.id LEFT JOIN library_files f ON f.id = e.file_id " +
            $"WHERE {filter} ORDER BY p.library_id, p.normalized_path, e.position;";
        command.Parameters.AddWithValue(name, value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var playlists = new List<Playlist>();
        List<PlaylistEntry>? entries = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetInt64(0);
            if (playlists.Count == 0 || playlists[^1].Id != id)
            {
                entries = [];
                playlists.Add(new Playlist(id, reader.GetInt64(1), reader.GetString(2), entries));
            }

            if (!reader.IsDBNull(3))
            {
                entries!.Add(new PlaylistEntry(reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetInt64(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
            }
        }

        return playlists;
    }
}
