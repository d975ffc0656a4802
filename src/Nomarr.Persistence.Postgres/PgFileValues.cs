using Nomarr.Helpers.Libraries;
using Npgsql;
using NpgsqlTypes;

namespace Nomarr.Persistence.Postgres;

/// <summary>Rewrites the searchable values of files (file_values) inside a write transaction: one round trip for a whole batch.</summary>
internal static class PgFileValues
{
    /// <summary>
    /// How a value is compared in a query: case folded beyond ASCII by .NET's invariant lower case
    /// (as SQLite's engine folds), trimmed; stored and compared as bytes.
    /// </summary>
    public static string Fold(string value) => value.Trim().ToLowerInvariant();

    public static async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<(long Id, FileRecord Record)> files, CancellationToken cancellationToken)
    {
        if (files.Count == 0)
        {
            return;
        }

        var values = files.SelectMany(f => Values(f.Record.Tags).Select(v => (f.Id, v.Field, v.Value))).ToList();
        await using var command = new NpgsqlCommand(
            "DELETE FROM file_values WHERE file_id = ANY (@ids);" +
            "INSERT INTO file_values (field, value, file_id) SELECT * FROM unnest(@fields, @values, @file_ids) ON CONFLICT DO NOTHING;",
            connection,
            transaction);
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = files.Select(f => f.Id).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("fields", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.Select(v => v.Field).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("values", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.Select(v => v.Value).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("file_ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = values.Select(v => v.Id).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static IEnumerable<(string Field, string Value)> Values(AudioTags tags) =>
        tags.Artists.Select(a => ("artist", Fold(a)))
            .Concat(tags.AlbumArtists.Select(a => ("album_artist", Fold(a))))
            .Concat(tags.Genres.Select(g => ("genre", Fold(g))))
            .Concat(tags.All.All("musicbrainz_albumid").Select(id => ("musicbrainz_albumid", Fold(id))));
}
