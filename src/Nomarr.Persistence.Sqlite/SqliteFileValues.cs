using System.Text.Json;
using Microsoft.Data.Sqlite;
using Nomarr.Helpers.Libraries;

namespace Nomarr.Persistence.Sqlite;

/// <summary>Rewrites the searchable values of a file (file_values) inside a write transaction, with two prepared statements.</summary>
internal sealed class SqliteFileValues : IAsyncDisposable
{
    private readonly SqliteCommand _delete;
    private readonly SqliteCommand _insert;

    public SqliteFileValues(SqliteConnection connection, SqliteTransaction transaction)
    {
        _delete = connection.CreateCommand();
        _delete.Transaction = transaction;
        _delete.CommandText = "DELETE FROM file_values WHERE file_id = $id;";
        _delete.Parameters.Add("$id", SqliteType.Integer);
        _insert = connection.CreateCommand();
        _insert.Transaction = transaction;
        _insert.CommandText =
            "INSERT OR IGNORE INTO file_values (field, value, file_id) SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), $id FROM json_each($values);";
        _insert.Parameters.Add("$id", SqliteType.Integer);
        _insert.Parameters.Add("$values", SqliteType.Text);
    }

    /// <summary>How a value is compared in a query: case folded beyond ASCII, trimmed.</summary>
    public static string Fold(string value) => value.Trim().ToLowerInvariant();

    public async Task WriteAsync(long fileId, AudioTags tags, CancellationToken cancellationToken)
    {
        _delete.Parameters["$id"].Value = fileId;
        await _delete.ExecuteNonQueryAsync(cancellationToken);
        var values = Values(tags).ToList();
        if (values.Count == 0)
        {
            return;
        }

        _insert.Parameters["$id"].Value = fileId;
        _insert.Parameters["$values"].Value = JsonSerializer.Serialize(values);
        await _insert.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _delete.DisposeAsync();
        await _insert.DisposeAsync();
    }

    private static IEnumerable<string[]> Values(AudioTags tags) =>
        tags.Artists.Select(a => new[] { "artist", Fold(a) })
            .Concat(tags.AlbumArtists.Select(a => new[] { "album_artist", Fold(a) }))
            .Concat(tags.Genres.Select(g => new[] { "genre", Fold(g) }))
            .Concat(tags.All.All("musicbrainz_albumid").Select(id => new[] { "musicbrainz_albumid", Fold(id) }));
}
