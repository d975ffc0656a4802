using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Nomarr.Helpers.Json;
using Nomarr.Helpers.Libraries;

namespace Nomarr.Persistence.Sqlite;

internal sealed class SqliteLibraryFileRepository(SqliteDatabase database, IFileChangeListener changes) : ILibraryFileRepository
{
    private const string IdentityUpdates =
        "fingerprint = CASE WHEN $fingerprint IS NOT NULL OR ($audio_id IS NOT NULL AND $audio_id IS NOT audio_id) THEN $fingerprint ELSE fingerprint END, " +
        "audio_id = COALESCE($audio_id, audio_id), device = COALESCE($device, device), inode = COALESCE($inode, inode)";

    private const string TagColumns = "title, artist, album, album_artist, track, disc, year, genre, duration, bitrate, sample_rate, channels, codec";
    private const string TagValues = "$title, $artist, $album, $album_artist, $track, $disc, $year, $genre, $duration, $bitrate, $sample_rate, $channels, $codec";

    // Every tag, the lists and the pictures, as JSON; written with the tag columns, read after the others.
    private const string JsonColumns = "tags, artists, album_artists, genres, pictures";
    private const string JsonValues = "$tags, $artists, $album_artists, $genres, $pictures";
    private const string WrittenColumns = TagColumns + ", " + JsonColumns;

    private const string FileColumns =
        "id, library_id, normalized_path, size, mtime, " + TagColumns + ", valid, read_error, last_seen_scan_id, added_at, updated_at, missing_since, " + JsonColumns;


    // A move: the stored record (by id) takes the new path, tags and identity, and keeps its id and added_at.
    private static readonly string MoveSql =
        "UPDATE library_files SET normalized_path = $path, size = $size, mtime = $mtime, " +
        string.Join(", ", WrittenColumns.Split(", ").Select(c => $"{c} = ${c}")) +
        ", " + IdentityUpdates + ", valid = 1, read_error = $read_error, last_seen_scan_id = $scan, updated_at = $now, missing_since = NULL " +
        "WHERE id = $id AND library_id = $library;";

    // One statement inserts a new path or updates a stored one. A file that became unreadable keeps
    // the tags it had: only its size, mtime and error change. The id it returns tells which it was.
    private static readonly string UpsertSql =
        "INSERT INTO library_files (library_id, normalized_path, size, mtime, " + WrittenColumns +
        ", valid, read_error, last_seen_scan_id, added_at, updated_at, audio_id, device, inode, fingerprint) " +
        "VALUES ($library, $path, $size, $mtime, " + TagValues + ", " + JsonValues + ", 1, $read_error, $scan, $now, $now, $audio_id, $device, $inode, $fingerprint) " +
        "ON CONFLICT (library_id, normalized_path) DO UPDATE SET size = $size, mtime = $mtime, " +
        string.Join(", ", WrittenColumns.Split(", ").Select(c => $"{c} = CASE WHEN $read_error IS NULL THEN ${c} ELSE {c} END")) +
        ", " + IdentityUpdates + ", valid = 1, read_error = $read_error, last_seen_scan_id = $scan, updated_at = $now, missing_since = NULL " +
        "RETURNING id;";

    public async IAsyncEnumerable<KnownFile> StreamKnownAsync(long libraryId, IReadOnlyList<string> folders, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var source = SqlFolders.From(command, folders, "lf");
        command.CommandText = $"SELECT lf.id, lf.normalized_path, lf.size, lf.mtime, lf.valid FROM {source} WHERE lf.library_id = $library;";
        command.Parameters.AddWithValue("$library", libraryId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new KnownFile(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetBoolean(4));
        }
    }

    public async Task<UpsertCounts> UpsertBatchAsync(ScanClaim claim, IReadOnlyList<FileRecord> batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (batch.Count == 0)
        {
            return default;
        }

        var (libraryId, scanId) = (claim.LibraryId, claim.RunId);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await SqliteFence.EnsureHeldAsync(connection, transaction, claim, cancellationToken);
        var lastIdBefore = await LastIdAsync(connection, transaction, cancellationToken);
        var mark = await SqliteChangeMarks.MarkAsync(connection, transaction, cancellationToken);
        await using var upsert = CreateWriteCommand(connection, transaction, UpsertSql, libraryId, scanId, now);
        await using var values = new SqliteFileValues(connection, transaction);
        upsert.Prepare();

        var inserted = 0;
        foreach (var file in batch)
        {
            Bind(upsert, file);

            // A new row takes an id above every existing one (the largest rowid plus one).
            var id = (long)(await upsert.ExecuteScalarAsync(cancellationToken))!;
            if (id > lastIdBefore)
            {
                inserted++;
            }

            // A file whose tags could not be read keeps the values it had, as it keeps its tags.
            if (file.ReadError is null)
            {
                await values.WriteAsync(id, file.Tags, cancellationToken);
            }
        }

        await CommitAsync(connection, transaction, mark, cancellationToken);
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
            "SELECT id FROM library_files WHERE library_id = $library AND audio_id IN (SELECT value FROM json_each($audio_ids)) " +
            "UNION SELECT id FROM library_files WHERE library_id = $library AND inode IN (SELECT value FROM json_each($inodes)) " +
            "UNION SELECT id FROM library_files WHERE library_id = $library AND fingerprint IN (SELECT value FROM json_each($fingerprints))) " +
            "AND (last_seen_scan_id IS NULL OR last_seen_scan_id <> $scan);";
        command.Parameters.AddWithValue("$library", libraryId);
        command.Parameters.AddWithValue("$scan", scanId);
        command.Parameters.AddWithValue("$audio_ids", JsonSerializer.Serialize(audioIds));
        command.Parameters.AddWithValue("$inodes", JsonSerializer.Serialize(inodes));
        command.Parameters.AddWithValue("$fingerprints", JsonSerializer.Serialize(fingerprints));
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

        var (libraryId, scanId) = (claim.LibraryId, claim.RunId);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await SqliteFence.EnsureHeldAsync(connection, transaction, claim, cancellationToken);
        var mark = await SqliteChangeMarks.MarkAsync(connection, transaction, cancellationToken);
        await using var move = CreateWriteCommand(connection, transaction, MoveSql, libraryId, scanId, now);
        await using var values = new SqliteFileValues(connection, transaction);
        move.Prepare();
        var moved = 0;
        foreach (var (fileId, record) in moves)
        {
            Bind(move, record);
            move.Parameters["$id"].Value = fileId;
            var changed = await move.ExecuteNonQueryAsync(cancellationToken);
            moved += changed;
            if (changed > 0)
            {
                await values.WriteAsync(fileId, record.Tags, cancellationToken);
            }
        }

        await CommitAsync(connection, transaction, mark, cancellationToken);
        return moved;
    }

    public async Task<long> CountValidAsync(long libraryId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM library_files WHERE library_id = $library AND valid = 1;";
        command.Parameters.AddWithValue("$library", libraryId);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<bool> HasValidAsync(long libraryId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM library_files WHERE library_id = $library AND valid = 1);";
        command.Parameters.AddWithValue("$library", libraryId);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! != 0;
    }

    public async Task<int> PurgeMissingAsync(long? libraryId, DateTimeOffset missingBefore, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var mark = await SqliteChangeMarks.MarkAsync(connection, transaction, cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            "DELETE FROM library_files WHERE valid = 0 AND missing_since IS NOT NULL AND missing_since < $before AND ($library IS NULL OR library_id = $library);";
        command.Parameters.AddWithValue("$before", SqlTime.Write(missingBefore));
        command.Parameters.AddWithValue("$library", (object?)libraryId ?? DBNull.Value);
        var purged = await command.ExecuteNonQueryAsync(cancellationToken);
        await CommitAsync(connection, transaction, mark, cancellationToken);
        return purged;
    }

    public async Task<bool> PurgeMissingFileAsync(long fileId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var mark = await SqliteChangeMarks.MarkAsync(connection, transaction, cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM library_files WHERE id = $id AND valid = 0;";
        command.Parameters.AddWithValue("$id", fileId);
        var purged = await command.ExecuteNonQueryAsync(cancellationToken) > 0;
        await CommitAsync(connection, transaction, mark, cancellationToken);
        return purged;
    }

    public async Task<int> MarkMissingAsync(ScanClaim claim, IReadOnlyList<string> folders, IReadOnlyCollection<long> fileIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (fileIds.Count == 0)
        {
            return 0;
        }

        var libraryId = claim.LibraryId;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await SqliteFence.EnsureHeldAsync(connection, transaction, claim, cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var mark = await SqliteChangeMarks.MarkAsync(connection, transaction, cancellationToken);
        var scope = SqlFolders.Where(command, folders);
        command.CommandText =
            $"UPDATE library_files SET valid = 0, missing_since = $now, updated_at = $now WHERE id = $id AND library_id = $library AND valid = 1 AND {scope};";
        command.Parameters.AddWithValue("$now", SqlTime.Write(now));
        command.Parameters.AddWithValue("$library", libraryId);
        var id = command.Parameters.Add("$id", SqliteType.Integer);
        command.Prepare();

        var changed = 0;
        foreach (var fileId in fileIds)
        {
            id.Value = fileId;
            changed += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await CommitAsync(connection, transaction, mark, cancellationToken);
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
            // With the text index, its matches are the rows to look at: '+' keeps the planner from
            // reading the whole library through its index instead.
            where.Add(TextSearch.UsesIndex(query.Text) ? "+library_id = $library" : "library_id = $library");
            command.Parameters.AddWithValue("$library", libraryId);
        }

        if (!string.IsNullOrEmpty(query.Folder))
        {
            where.Add(SqlFolders.Where(command, [query.Folder]));
        }

        if (query.Missing is { } missing)
        {
            where.Add("valid = $valid");
            command.Parameters.AddWithValue("$valid", !missing);
        }

        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            AddTextFilter(connection, command, query.Text, where);
        }

        AddTagFilters(connection, command, query, where);
        var filter = where.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", where);
        var order = query.Sort switch
        {
            FileSort.Added => "added_at DESC, id DESC",
            FileSort.Updated => "updated_at DESC, id DESC",
            _ => "library_id, normalized_path",
        };
        command.CommandText = $"SELECT {FileColumns} FROM library_files {filter} ORDER BY {order} LIMIT $limit OFFSET $offset;";
        command.Parameters.AddWithValue("$limit", query.Limit);
        command.Parameters.AddWithValue("$offset", query.Offset);
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

        command.CommandText = $"SELECT COUNT(*) FROM library_files {filter};";
        return new Page<LibraryFile>(items, (long)(await command.ExecuteScalarAsync(cancellationToken))!);
    }

    public async Task<LibraryFile?> GetAsync(long fileId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {FileColumns} FROM library_files WHERE id = $id;";
        command.Parameters.AddWithValue("$id", fileId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadFile(reader) : null;
    }

    // The trigram index (file_search, migration 14) finds the candidates of a text of three characters
    // or more; the test after it keeps .NET's case folding exact, as for a shorter text, which reads
    // every row (docs/decisions/0011-text-search-by-trigrams.md).
    private static void AddTextFilter(SqliteConnection connection, SqliteCommand command, string text, List<string> where)
    {
        var folded = text.Trim().ToLowerInvariant();
        if (TextSearch.UsesIndex(text))
        {
            where.Add("id IN (SELECT rowid FROM file_search WHERE file_search MATCH $match)");
            command.Parameters.AddWithValue("$match", TextSearch.Phrase(folded));
        }

        // SQLite's lower() folds ASCII only: "ÉLAN" would not be found by "élan". Fold both sides the same way.
        connection.CreateFunction("nomarr_fold", (string? value) => value?.ToLowerInvariant(), isDeterministic: true);
        where.Add("(instr(nomarr_fold(title), $q) > 0 OR instr(nomarr_fold(artist), $q) > 0 OR instr(nomarr_fold(album), $q) > 0)");
        command.Parameters.AddWithValue("$q", folded);
    }

    // One index lookup in file_values per list filter; the others are plain column tests.
    private static void AddTagFilters(SqliteConnection connection, SqliteCommand command, FileQuery query, List<string> where)
    {
        foreach (var (field, value) in (ReadOnlySpan<(string, string?)>)[
                     ("artist", query.Artist), ("album_artist", query.AlbumArtist), ("genre", query.Genre), ("musicbrainz_albumid", query.MusicBrainzAlbumId)])
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                where.Add($"id IN (SELECT file_id FROM file_values WHERE field = '{field}' AND value = ${field})");
                command.Parameters.AddWithValue("$" + field, SqliteFileValues.Fold(value));
            }
        }

        if (!string.IsNullOrWhiteSpace(query.Album))
        {
            connection.CreateFunction("nomarr_fold", (string? text) => text?.ToLowerInvariant(), isDeterministic: true);
            where.Add("nomarr_fold(album) = $album");
            command.Parameters.AddWithValue("$album", query.Album.Trim().ToLowerInvariant());
        }

        if (query.Year is { } year)
        {
            where.Add("year = $year");
            command.Parameters.AddWithValue("$year", year);
        }

        if (!string.IsNullOrWhiteSpace(query.Format))
        {
            where.Add("codec = $format");
            command.Parameters.AddWithValue("$format", query.Format.Trim().ToLowerInvariant());
        }
    }

    private async Task CommitAsync(SqliteConnection connection, SqliteTransaction transaction, long mark, CancellationToken cancellationToken)
    {
        var batches = await SqliteChangeMarks.SinceAsync(connection, transaction, mark, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (batches.Count > 0)
        {
            changes.Committed(batches);
        }
    }

    private static async Task<long> LastIdAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(id), 0) FROM library_files;";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static SqliteCommand CreateWriteCommand(SqliteConnection connection, SqliteTransaction transaction, string sql, long libraryId, long scanId, DateTimeOffset now)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$library", libraryId);
        command.Parameters.AddWithValue("$scan", scanId);
        command.Parameters.AddWithValue("$now", SqlTime.Write(now));
        foreach (var name in (string[])["$path", "$size", "$mtime", "$title", "$artist", "$album", "$album_artist", "$track", "$disc",
                     "$year", "$genre", "$duration", "$bitrate", "$sample_rate", "$channels", "$codec", "$read_error",
                     "$audio_id", "$device", "$inode", "$fingerprint", "$id", "$tags", "$artists", "$album_artists", "$genres", "$pictures"])
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name, Value = DBNull.Value });
        }

        return command;
    }

    private static void Bind(SqliteCommand command, FileRecord file)
    {
        var p = command.Parameters;
        var tags = file.Tags;
        p["$path"].Value = file.Path;
        p["$size"].Value = file.Size;
        p["$mtime"].Value = file.MtimeNs;
        p["$title"].Value = Db(tags.Title);
        p["$artist"].Value = Db(tags.Artist);
        p["$album"].Value = Db(tags.Album);
        p["$album_artist"].Value = Db(tags.AlbumArtist);
        p["$track"].Value = Db(tags.Track);
        p["$disc"].Value = Db(tags.Disc);
        p["$year"].Value = Db(tags.Year);
        p["$genre"].Value = Db(tags.Genre);
        p["$duration"].Value = Db(tags.Duration);
        p["$bitrate"].Value = Db(tags.Bitrate);
        p["$sample_rate"].Value = Db(tags.SampleRate);
        p["$channels"].Value = Db(tags.Channels);
        p["$codec"].Value = Db(tags.Codec);
        p["$read_error"].Value = Db(file.ReadError);
        p["$audio_id"].Value = Db(file.AudioId);
        p["$device"].Value = file.DeviceInode is { } identity ? identity.Device : DBNull.Value;
        p["$inode"].Value = file.DeviceInode is { } same ? same.Inode : DBNull.Value;
        p["$fingerprint"].Value = Db(file.Fingerprint);
        p["$tags"].Value = JsonSerializer.Serialize(tags.All, NomarrJson.Options);
        p["$artists"].Value = JsonSerializer.Serialize(tags.Artists, NomarrJson.Options);
        p["$album_artists"].Value = JsonSerializer.Serialize(tags.AlbumArtists, NomarrJson.Options);
        p["$genres"].Value = JsonSerializer.Serialize(tags.Genres, NomarrJson.Options);
        p["$pictures"].Value = JsonSerializer.Serialize(tags.Pictures, NomarrJson.Options);
    }

    private static object Db<T>(T? value) => value is null ? DBNull.Value : value;

    private static string[] Strings(SqliteDataReader r, int ordinal) =>
        r.IsDBNull(ordinal) ? [] : JsonSerializer.Deserialize<string[]>(r.GetString(ordinal), NomarrJson.Options) ?? [];

    private static LibraryFile ReadFile(SqliteDataReader r) => new(
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
        SqlTime.Read(r.GetString(21)),
        SqlTime.Read(r.GetString(22)),
        SqlTime.ReadNullable(r.GetValue(23)));
}
