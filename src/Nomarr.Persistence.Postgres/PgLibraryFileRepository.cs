using System.Runtime.CompilerServices;
using System.Text.Json;
using Nomarr.Helpers.Json;
using Nomarr.Helpers.Libraries;
using Npgsql;
using NpgsqlTypes;

namespace Nomarr.Persistence.Postgres;

/// <summary>
/// The files of libraries on PostgreSQL. A batch is one statement over arrays (one round trip), and
/// an upsert tells inserted from updated rows by xmax = 0 (a row version no transaction has replaced).
/// Each write is one transaction under the change log's lock (<see cref="PgChangeMarks"/>); the
/// log's rows come from triggers, and the listener hears of them after the commit.
/// </summary>
internal sealed class PgLibraryFileRepository(PostgresDatabase database, IFileChangeListener changes) : ILibraryFileRepository
{
    // Every tag, the lists and the pictures (JSON) are written with the tag columns, read after the others.
    private const string TagColumns =
        "title, artist, album, album_artist, track, disc, year, genre, duration, bitrate, sample_rate, channels, codec, tags, artists, album_artists, genres, pictures";

    private const string FileColumns =
        "id, library_id, normalized_path, size, mtime, title, artist, album, album_artist, track, disc, year, genre, duration, bitrate, sample_rate, channels, codec, " +
        "valid, read_error, last_seen_scan_id, added_at, updated_at, missing_since, tags, artists, album_artists, genres, pictures";

    // The batch as rows: one array per column, unnested together.
    private const string RowArrays =
        "@path, @size, @mtime, @title, @artist, @album, @album_artist, @track, @disc, @year, @genre, @duration, @bitrate, @sample_rate, " +
        "@channels, @codec, @tags, @artists, @album_artists, @genres, @pictures, @read_error, @audio_id, @device, @inode, @fingerprint";

    private const string RowNames = "path, size, mtime, " + TagColumns + ", read_error, audio_id, device, inode, fingerprint";

    private const string IdentityUpdates =
        "fingerprint = CASE WHEN u.fingerprint IS NOT NULL OR (u.audio_id IS NOT NULL AND u.audio_id IS DISTINCT FROM f.audio_id) THEN u.fingerprint ELSE f.fingerprint END, " +
        "audio_id = COALESCE(u.audio_id, f.audio_id), device = COALESCE(u.device, f.device), inode = COALESCE(u.inode, f.inode)";

    // A file that became unreadable keeps the tags it had: only its size, mtime and error change.
    private static readonly string UpsertSql =
        "INSERT INTO library_files AS f (library_id, normalized_path, size, mtime, " + TagColumns +
        ", valid, read_error, last_seen_scan_id, added_at, updated_at, audio_id, device, inode, fingerprint) " +
        "SELECT @library, u.path, u.size, u.mtime, " + string.Join(", ", TagColumns.Split(", ").Select(c => "u." + c)) +
        ", true, u.read_error, @scan, @now, @now, u.audio_id, u.device, u.inode, u.fingerprint " +
        "FROM unnest(" + RowArrays + ") AS u (" + RowNames + ") " +
        "ON CONFLICT (library_id, normalized_path) DO UPDATE SET size = excluded.size, mtime = excluded.mtime, " +
        string.Join(", ", TagColumns.Split(", ").Select(c => $"{c} = CASE WHEN excluded.read_error IS NULL THEN excluded.{c} ELSE f.{c} END")) +
        ", " + IdentityUpdates.Replace("u.", "excluded.", StringComparison.Ordinal) +
        ", valid = true, read_error = excluded.read_error, last_seen_scan_id = @scan, updated_at = @now, missing_since = NULL " +
        "RETURNING id, normalized_path, (xmax = 0) AS inserted;";

    // A move: the stored record (by id) takes the new path, tags and identity, and keeps its id and added_at.
    private static readonly string MoveSql =
        "UPDATE library_files AS f SET normalized_path = u.path, size = u.size, mtime = u.mtime, " +
        string.Join(", ", TagColumns.Split(", ").Select(c => $"{c} = u.{c}")) +
        ", " + IdentityUpdates + ", valid = true, read_error = u.read_error, last_seen_scan_id = @scan, updated_at = @now, missing_since = NULL " +
        "FROM unnest(@id, " + RowArrays + ") AS u (id, " + RowNames + ") " +
        "WHERE f.id = u.id AND f.library_id = @library RETURNING f.id;";

    public async IAsyncEnumerable<KnownFile> StreamKnownAsync(long libraryId, IReadOnlyList<string> folders, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var scope = PgFolders.IsWholeLibrary(folders) ? string.Empty : $" AND id IN ({PgFolders.IdsUnder(command, folders)})";
        command.CommandText = $"SELECT id, normalized_path, size, mtime, valid FROM library_files WHERE library_id = @library{scope};";
        command.Parameters.AddWithValue("library", libraryId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new KnownFile(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetBoolean(4));
        }
    }

    public async Task<UpsertCounts> UpsertBatchAsync(ScanClaim claim, IReadOnlyList<FileRecord> batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var (libraryId, scanId) = (claim.LibraryId, claim.RunId);
        if (batch.Count == 0)
        {
            return default;
        }

        // One statement may not touch a row twice: a path given twice is written once, with its last
        // record, and the earlier ones count as updates, as they would one by one.
        var rows = batch.Count == batch.Select(f => f.Path).Distinct(StringComparer.Ordinal).Count()
            ? batch
            : batch.GroupBy(f => f.Path, StringComparer.Ordinal).Select(g => g.Last()).ToList();

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await PgFence.EnsureHeldAsync(connection, transaction, claim, cancellationToken);
        var mark = await PgChangeMarks.MarkAsync(connection, transaction, cancellationToken);
        var inserted = 0;
        var written = new List<(long Id, FileRecord Record)>(rows.Count);
        var byPath = rows.ToDictionary(f => f.Path, StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(UpsertSql, connection, transaction))
        {
            AddCommon(command, libraryId, scanId, now);
            AddRows(command, rows);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                inserted += reader.GetBoolean(2) ? 1 : 0;
                written.Add((reader.GetInt64(0), byPath[reader.GetString(1)]));
            }
        }

        // A file whose tags could not be read keeps the values it had, as it keeps its tags.
        await PgFileValues.WriteAsync(connection, transaction, written.Where(w => w.Record.ReadError is null).ToList(), cancellationToken);
        await CommitAsync(transaction, mark, cancellationToken);
        return new UpsertCounts(inserted, batch.Count - inserted);
    }

    public async Task<IReadOnlyList<MoveCandidate>> FindMoveCandidatesAsync(
        long libraryId, long scanId, IReadOnlyCollection<string> audioIds, IReadOnlyCollection<long> inodes, IReadOnlyCollection<string> fingerprints, CancellationToken cancellationToken)
    {
        if (audioIds.Count == 0 && inodes.Count == 0 && fingerprints.Count == 0)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            // One indexed lookup per key, united: an OR of the three would scan every file of the library.
            "SELECT id, normalized_path, size, valid, audio_id, device, inode, fingerprint FROM library_files WHERE id IN (" +
            "SELECT id FROM library_files WHERE library_id = @library AND audio_id = ANY (@audio_ids) " +
            "UNION SELECT id FROM library_files WHERE library_id = @library AND inode = ANY (@inodes) " +
            "UNION SELECT id FROM library_files WHERE library_id = @library AND fingerprint = ANY (@fingerprints)) " +
            "AND (last_seen_scan_id IS NULL OR last_seen_scan_id <> @scan);";
        command.Parameters.AddWithValue("library", libraryId);
        command.Parameters.AddWithValue("scan", scanId);
        command.Parameters.AddWithValue("audio_ids", audioIds.ToArray());
        command.Parameters.AddWithValue("inodes", inodes.ToArray());
        command.Parameters.AddWithValue("fingerprints", fingerprints.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var candidates = new List<MoveCandidate>();
        while (await reader.ReadAsync(cancellationToken))
        {
            candidates.Add(new MoveCandidate(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetInt64(2),
                reader.GetBoolean(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) || reader.IsDBNull(6) ? null : new DeviceInode(reader.GetInt64(5), reader.GetInt64(6)),
                reader.IsDBNull(7) ? null : reader.GetString(7)));
        }

        return candidates;
    }

    public async Task<int> MoveBatchAsync(ScanClaim claim, IReadOnlyList<(long FileId, FileRecord Record)> moves, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (moves.Count == 0)
        {
            return 0;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await PgFence.EnsureHeldAsync(connection, transaction, claim, cancellationToken);
        var mark = await PgChangeMarks.MarkAsync(connection, transaction, cancellationToken);
        var moved = new HashSet<long>();
        await using (var command = new NpgsqlCommand(MoveSql, connection, transaction))
        {
            AddCommon(command, claim.LibraryId, claim.RunId, now);
            AddRows(command, moves.Select(m => m.Record).ToList());
            command.Parameters.AddWithValue("id", moves.Select(m => m.FileId).ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                moved.Add(reader.GetInt64(0));
            }
        }

        await PgFileValues.WriteAsync(connection, transaction, moves.Where(m => moved.Contains(m.FileId)).ToList(), cancellationToken);
        await CommitAsync(transaction, mark, cancellationToken);
        return moved.Count;
    }

    public async Task<long> CountValidAsync(long libraryId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM library_files WHERE library_id = @library AND valid;", connection);
        command.Parameters.AddWithValue("library", libraryId);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<bool> HasValidAsync(long libraryId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM library_files WHERE library_id = @library AND valid);", connection);
        command.Parameters.AddWithValue("library", libraryId);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<int> PurgeMissingAsync(long? libraryId, DateTimeOffset missingBefore, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var mark = await PgChangeMarks.MarkAsync(connection, transaction, cancellationToken);
        int purged;
        await using (var command = new NpgsqlCommand(
            "DELETE FROM library_files WHERE NOT valid AND missing_since IS NOT NULL AND missing_since < @before AND (@library::bigint IS NULL OR library_id = @library);",
            connection,
            transaction))
        {
            command.Parameters.AddWithValue("before", PgTime.Write(missingBefore));
            command.Parameters.Add(new NpgsqlParameter("library", NpgsqlDbType.Bigint) { Value = (object?)libraryId ?? DBNull.Value });
            purged = await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await CommitAsync(transaction, mark, cancellationToken);
        return purged;
    }

    public async Task<bool> PurgeMissingFileAsync(long fileId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var mark = await PgChangeMarks.MarkAsync(connection, transaction, cancellationToken);
        bool purged;
        await using (var command = new NpgsqlCommand("DELETE FROM library_files WHERE id = @id AND NOT valid;", connection, transaction))
        {
            command.Parameters.AddWithValue("id", fileId);
            purged = await command.ExecuteNonQueryAsync(cancellationToken) > 0;
        }

        await CommitAsync(transaction, mark, cancellationToken);
        return purged;
    }

    public async Task<int> MarkMissingAsync(ScanClaim claim, IReadOnlyList<string> folders, IReadOnlyCollection<long> fileIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var libraryId = claim.LibraryId;
        if (fileIds.Count == 0)
        {
            return 0;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await PgFence.EnsureHeldAsync(connection, transaction, claim, cancellationToken);
        var mark = await PgChangeMarks.MarkAsync(connection, transaction, cancellationToken);
        int changed;
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            var scope = PgFolders.Where(command, folders);
            command.CommandText =
                $"UPDATE library_files SET valid = false, missing_since = @now, updated_at = @now WHERE id = ANY (@ids) AND library_id = @library AND valid AND {scope};";
            command.Parameters.AddWithValue("now", PgTime.Write(now));
            command.Parameters.AddWithValue("library", libraryId);
            command.Parameters.AddWithValue("ids", fileIds.ToArray());
            changed = await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await CommitAsync(transaction, mark, cancellationToken);
        return changed;
    }

    public async Task<Page<LibraryFile>> QueryAsync(FileQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var where = new List<string>();
        if (query.LibraryId is { } libraryId)
        {
            where.Add("library_id = @library");
            command.Parameters.AddWithValue("library", libraryId);
        }

        if (!string.IsNullOrEmpty(query.Folder))
        {
            where.Add(PgFolders.Where(command, [query.Folder]));
        }

        if (query.Missing is { } missing)
        {
            where.Add("valid = @valid");
            command.Parameters.AddWithValue("valid", !missing);
        }

        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            // lower() folds by the collation's character type: "C" would fold ASCII only, so ICU's
            // root locale folds "ÉLAN" to "élan" whatever the database was created with. The same
            // expressions are indexed by trigrams (migration 14), which answer the LIKE.
            where.Add("(lower(title COLLATE \"und-x-icu\") LIKE @q OR lower(artist COLLATE \"und-x-icu\") LIKE @q " +
                      "OR lower(album COLLATE \"und-x-icu\") LIKE @q)");
            command.Parameters.AddWithValue("q", "%" + PgLike.Escape(query.Text.Trim().ToLowerInvariant()) + "%");
        }

        AddTagFilters(command, query, where);
        var filter = where.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", where);
        var order = query.Sort switch
        {
            FileSort.Added => "added_at DESC, id DESC",
            FileSort.Updated => "updated_at DESC, id DESC",
            _ => "library_id, normalized_path",
        };
        command.CommandText = $"SELECT {FileColumns} FROM library_files {filter} ORDER BY {order} LIMIT @limit OFFSET @offset;";
        command.Parameters.AddWithValue("limit", query.Limit);
        command.Parameters.AddWithValue("offset", query.Offset);
        var items = new List<LibraryFile>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(ReadFile(reader));
            }
        }

        if (Pages.TotalFrom(query.Offset, query.Limit, items.Count) is { } known)
        {
            return new Page<LibraryFile>(items, known);
        }

        command.CommandText = $"SELECT count(*) FROM library_files {filter};";
        return new Page<LibraryFile>(items, (long)(await command.ExecuteScalarAsync(cancellationToken))!);
    }

    public async Task<LibraryFile?> GetAsync(long fileId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT {FileColumns} FROM library_files WHERE id = @id;", connection);
        command.Parameters.AddWithValue("id", fileId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadFile(reader) : null;
    }

    // One index lookup in file_values per list filter; the others are plain column tests.
    private static void AddTagFilters(NpgsqlCommand command, FileQuery query, List<string> where)
    {
        foreach (var (field, value) in (ReadOnlySpan<(string, string?)>)[
                     ("artist", query.Artist), ("album_artist", query.AlbumArtist), ("genre", query.Genre), ("musicbrainz_albumid", query.MusicBrainzAlbumId)])
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                where.Add($"id IN (SELECT file_id FROM file_values WHERE field = '{field}' AND value = @{field})");
                command.Parameters.AddWithValue(field, PgFileValues.Fold(value));
            }
        }

        if (!string.IsNullOrWhiteSpace(query.Album))
        {
            where.Add("lower(album COLLATE \"und-x-icu\") = @album");
            command.Parameters.AddWithValue("album", query.Album.Trim().ToLowerInvariant());
        }

        if (query.Year is { } year)
        {
            where.Add("year = @year");
            command.Parameters.AddWithValue("year", year);
        }

        if (!string.IsNullOrWhiteSpace(query.Format))
        {
            where.Add("codec = @format");
            command.Parameters.AddWithValue("format", query.Format.Trim().ToLowerInvariant());
        }
    }

    private async Task CommitAsync(NpgsqlTransaction transaction, long mark, CancellationToken cancellationToken)
    {
        var batches = await PgChangeMarks.SinceAsync(transaction.Connection!, transaction, mark, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (batches.Count > 0)
        {
            changes.Committed(batches);
        }
    }

    private static void AddCommon(NpgsqlCommand command, long libraryId, long scanId, DateTimeOffset now)
    {
        command.Parameters.AddWithValue("library", libraryId);
        command.Parameters.AddWithValue("scan", scanId);
        command.Parameters.AddWithValue("now", PgTime.Write(now));
    }

    private static void AddRows(NpgsqlCommand command, IReadOnlyList<FileRecord> rows)
    {
        var p = command.Parameters;
        p.Add(Array("path", NpgsqlDbType.Text, rows.Select(f => f.Path)));
        p.Add(Array("size", NpgsqlDbType.Bigint, rows.Select(f => f.Size)));
        p.Add(Array("mtime", NpgsqlDbType.Bigint, rows.Select(f => f.MtimeNs)));
        p.Add(Array("title", NpgsqlDbType.Text, rows.Select(f => f.Tags.Title)));
        p.Add(Array("artist", NpgsqlDbType.Text, rows.Select(f => f.Tags.Artist)));
        p.Add(Array("album", NpgsqlDbType.Text, rows.Select(f => f.Tags.Album)));
        p.Add(Array("album_artist", NpgsqlDbType.Text, rows.Select(f => f.Tags.AlbumArtist)));
        p.Add(Array("track", NpgsqlDbType.Integer, rows.Select(f => f.Tags.Track)));
        p.Add(Array("disc", NpgsqlDbType.Integer, rows.Select(f => f.Tags.Disc)));
        p.Add(Array("year", NpgsqlDbType.Integer, rows.Select(f => f.Tags.Year)));
        p.Add(Array("genre", NpgsqlDbType.Text, rows.Select(f => f.Tags.Genre)));
        p.Add(Array("duration", NpgsqlDbType.Double, rows.Select(f => f.Tags.Duration)));
        p.Add(Array("bitrate", NpgsqlDbType.Integer, rows.Select(f => f.Tags.Bitrate)));
        p.Add(Array("sample_rate", NpgsqlDbType.Integer, rows.Select(f => f.Tags.SampleRate)));
        p.Add(Array("channels", NpgsqlDbType.Integer, rows.Select(f => f.Tags.Channels)));
        p.Add(Array("codec", NpgsqlDbType.Text, rows.Select(f => f.Tags.Codec)));
        p.Add(Array("tags", NpgsqlDbType.Jsonb, rows.Select(f => JsonSerializer.Serialize(f.Tags.All, NomarrJson.Options))));
        p.Add(Array("artists", NpgsqlDbType.Jsonb, rows.Select(f => JsonSerializer.Serialize(f.Tags.Artists, NomarrJson.Options))));
        p.Add(Array("album_artists", NpgsqlDbType.Jsonb, rows.Select(f => JsonSerializer.Serialize(f.Tags.AlbumArtists, NomarrJson.Options))));
        p.Add(Array("genres", NpgsqlDbType.Jsonb, rows.Select(f => JsonSerializer.Serialize(f.Tags.Genres, NomarrJson.Options))));
        p.Add(Array("pictures", NpgsqlDbType.Jsonb, rows.Select(f => JsonSerializer.Serialize(f.Tags.Pictures, NomarrJson.Options))));
        p.Add(Array("read_error", NpgsqlDbType.Text, rows.Select(f => f.ReadError)));
        p.Add(Array("audio_id", NpgsqlDbType.Text, rows.Select(f => f.AudioId)));
        p.Add(Array("device", NpgsqlDbType.Bigint, rows.Select(f => f.DeviceInode?.Device)));
        p.Add(Array("inode", NpgsqlDbType.Bigint, rows.Select(f => f.DeviceInode?.Inode)));
        p.Add(Array("fingerprint", NpgsqlDbType.Text, rows.Select(f => f.Fingerprint)));
    }

    private static NpgsqlParameter Array<T>(string name, NpgsqlDbType type, IEnumerable<T> values) =>
        new(name, NpgsqlDbType.Array | type) { Value = values.ToArray() };

    private static string[] Strings(NpgsqlDataReader r, int ordinal) =>
        r.IsDBNull(ordinal) ? [] : JsonSerializer.Deserialize<string[]>(r.GetString(ordinal), NomarrJson.Options) ?? [];

    private static LibraryFile ReadFile(NpgsqlDataReader r) => new(
        r.GetInt64(0),
        r.GetInt64(1),
        r.GetString(2),
        r.GetInt64(3),
        UnixTime.FromNanos(r.GetInt64(4)),
        new AudioTags
        {
            Title = r.IsDBNull(5) ? null : r.GetString(5),
            Artist = r.IsDBNull(6) ? null : r.GetString(6),
            Album = r.IsDBNull(7) ? null : r.GetString(7),
            AlbumArtist = r.IsDBNull(8) ? null : r.GetString(8),
            Track = r.IsDBNull(9) ? null : r.GetInt32(9),
            Disc = r.IsDBNull(10) ? null : r.GetInt32(10),
            Year = r.IsDBNull(11) ? null : r.GetInt32(11),
            Genre = r.IsDBNull(12) ? null : r.GetString(12),
            Duration = r.IsDBNull(13) ? null : r.GetDouble(13),
            Bitrate = r.IsDBNull(14) ? null : r.GetInt32(14),
            SampleRate = r.IsDBNull(15) ? null : r.GetInt32(15),
            Channels = r.IsDBNull(16) ? null : r.GetInt32(16),
            Codec = r.IsDBNull(17) ? null : r.GetString(17),
            All = r.IsDBNull(24) ? TagMap.Empty : JsonSerializer.Deserialize<TagMap>(r.GetString(24), NomarrJson.Options) ?? TagMap.Empty,
            Artists = Strings(r, 25),
            AlbumArtists = Strings(r, 26),
            Genres = Strings(r, 27),
            Pictures = r.IsDBNull(28) ? [] : JsonSerializer.Deserialize<EmbeddedPicture[]>(r.GetString(28), NomarrJson.Options) ?? [],
        },
        r.GetBoolean(18),
        r.IsDBNull(19) ? null : r.GetString(19),
        r.IsDBNull(20) ? null : r.GetInt64(20),
        r.GetFieldValue<DateTimeOffset>(21),
        r.GetFieldValue<DateTimeOffset>(22),
        r.IsDBNull(23) ? null : r.GetFieldValue<DateTimeOffset>(23));
}
