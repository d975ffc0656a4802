using Nomarr.Helpers.Libraries;
using Npgsql;
using NpgsqlTypes;

namespace Nomarr.Persistence.Postgres;

internal sealed class PgPlaylistRepository(PostgresDatabase database) : IPlaylistRepository
{
    public async Task<IReadOnlyList<KnownPlaylist>> ListKnownAsync(long libraryId, IReadOnlyList<string> folders, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand { Connection = connection };
        command.CommandText =
            "SELECT p.id, p.normalized_path, p.size, p.mtime, EXISTS (SELECT 1 FROM playlist_entries e WHERE e.playlist_id = p.id AND e.file_id IS NULL) " +
            $"FROM playlists p WHERE p.library_id = @library AND {PgFolders.Where(command, folders, "p.normalized_path")};";
        command.Parameters.AddWithValue("library", libraryId);
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
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var upsert = new NpgsqlCommand(
            """
            INSERT INTO playlists (library_id, normalized_path, size, mtime, updated_at) VALUES (@library, @path, @size, @mtime, @now)
            ON CONFLICT (library_id, normalized_path) DO UPDATE SET size = excluded.size, mtime = excluded.mtime, updated_at = excluded.updated_at
            RETURNING id;
            """,
            connection,
            transaction);
        upsert.Parameters.AddWithValue("library", libraryId);
        upsert.Parameters.AddWithValue("now", PgTime.Write(now));
        var path = upsert.Parameters.Add("path", NpgsqlDbType.Text);
        var size = upsert.Parameters.Add("size", NpgsqlDbType.Bigint);
        var mtime = upsert.Parameters.Add("mtime", NpgsqlDbType.Bigint);

        // A playlist's entries are replaced whole: one statement clears them, one inserts them all.
        await using var clear = new NpgsqlCommand("DELETE FROM playlist_entries WHERE playlist_id = @playlist;", connection, transaction);
        var cleared = clear.Parameters.Add("playlist", NpgsqlDbType.Bigint);
        await using var entries = new NpgsqlCommand(
            """
            INSERT INTO playlist_entries (playlist_id, position, text, file_id)
            SELECT @playlist, e.position - 1, e.text, e.file_id FROM unnest(@texts, @files) WITH ORDINALITY AS e (text, file_id, position);
            """,
            connection,
            transaction);
        var playlist = entries.Parameters.Add("playlist", NpgsqlDbType.Bigint);
        var texts = entries.Parameters.Add("texts", NpgsqlDbType.Array | NpgsqlDbType.Text);
        var files = entries.Parameters.Add("files", NpgsqlDbType.Array | NpgsqlDbType.Bigint);
        foreach (var record in playlists)
        {
            path.Value = record.Path;
            size.Value = record.Size;
            mtime.Value = record.MtimeNs;
            playlist.Value = cleared.Value = (long)(await upsert.ExecuteScalarAsync(cancellationToken))!;
            await clear.ExecuteNonQueryAsync(cancellationToken);
            if (record.Entries.Count > 0)
            {
                texts.Value = record.Entries.Select(e => e.Text).ToArray();
                files.Value = record.Entries.Select(e => e.FileId).ToArray();
                await entries.ExecuteNonQueryAsync(cancellationToken);
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
        await using var command = new NpgsqlCommand("DELETE FROM playlists WHERE library_id = @library AND id = ANY (@ids);", connection);
        command.Parameters.AddWithValue("library", libraryId);
        command.Parameters.AddWithValue("ids", playlistIds.ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task<IReadOnlyList<Playlist>> ListAsync(long? libraryId, CancellationToken cancellationToken) =>
        ReadAsync("(@value::bigint IS NULL OR p.library_id = @value)", libraryId, cancellationToken);

    public async Task<Playlist?> GetAsync(long playlistId, CancellationToken cancellationToken) =>
        (await ReadAsync("p.id = @value", playlistId, cancellationToken)).SingleOrDefault();

    private async Task<IReadOnlyList<Playlist>> ReadAsync(string filter, long? value, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT p.id, p.library_id, p.normalized_path, e.text, e.file_id, f.normalized_path FROM playlists p " +
            "LEFT JOIN playlist_entries e ON e.playlist_id = p.id LEFT JOIN library_files f ON f.id = e.file_id " +
            $"WHERE {filter} ORDER BY p.library_id, p.normalized_path, e.position;",
            connection);
        command.Parameters.Add(new NpgsqlParameter("value", NpgsqlDbType.Bigint) { Value = value is { } v ? v : DBNull.Value });
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
