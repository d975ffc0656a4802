using Nomarr.Helpers.Libraries;
using Nomarr.IntegrationTests.Infrastructure;
using Nomarr.IntegrationTests.Infrastructure.Postgres;
using Npgsql;

namespace Nomarr.IntegrationTests.Persistence.Postgres;

/// <summary>
/// The text search's expressions are those the trigram indexes of migration 14 hold, so the planner
/// can answer a search from them instead of reading every row.
/// </summary>
public sealed class PostgresTextSearchTests(FreshPostgresDatabase database) : IClassFixture<FreshPostgresDatabase>
{
    [SkippableFact]
    public async Task ASearchOfTitleArtistOrAlbumCanBeAnsweredFromTheTrigramIndexes()
    {
        using var host = new NomarrTestHost(PostgresSettings.For(database));
        var now = DateTimeOffset.UtcNow;
        var library = await host.LibraryRepository.AddAsync("music", "/music", WatchMode.Off, null, now, default);
        var batch = Enumerable.Range(0, 50).Select(i => new FileRecord($"{i}.flac", 1, 1, new AudioTags { Title = $"Title {i}", Artist = "Ocean", Album = "Blue" }, null)).ToList();
        await host.FileRepository.UpsertBatchAsync(await host.ClaimAsync(library.Id), batch, now, default);
        Assert.Equal(50, (await host.FileRepository.QueryAsync(new FileQuery(library.Id, Text: "OCEAN"), default)).Total);

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off;", connection))
        {
            await off.ExecuteNonQueryAsync();
        }

        await using var explain = new NpgsqlCommand(
            "EXPLAIN SELECT id FROM library_files WHERE (lower(title COLLATE \"und-x-icu\") LIKE @q OR lower(artist COLLATE \"und-x-icu\") LIKE @q " +
            "OR lower(album COLLATE \"und-x-icu\") LIKE @q);",
            connection);
        explain.Parameters.AddWithValue("q", "%ocean%");
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        var text = string.Join("\n", plan);
        foreach (var index in new[] { "ix_library_files_title_trgm", "ix_library_files_artist_trgm", "ix_library_files_album_trgm" })
        {
            Assert.True(text.Contains(index, StringComparison.Ordinal), $"{index} not in the plan:\n{text}");
        }
    }

    // The pending list of new entries, which a search reads row by row, is merged at 64 kB (migration 15):
    // after 3,000 files, about 90 kB of new trigrams per index, each index holds at most 64 kB of them.
    [SkippableFact]
    public async Task NewFilesDoNotPileUpInTheTrigramIndexesPendingLists()
    {
        using var host = new NomarrTestHost(PostgresSettings.For(database));
        var now = DateTimeOffset.UtcNow;
        var library = await host.LibraryRepository.AddAsync("pending", "/pending", WatchMode.Off, null, now, default);
        var claim = await host.ClaimAsync(library.Id);
        for (var start = 0; start < 3000; start += 500)
        {
            var batch = Enumerable.Range(start, 500)
                .Select(i => new FileRecord($"{i}.flac", 1, 1, new AudioTags { Title = $"Title number {i} of a long import", Artist = $"Artist {i % 97}", Album = $"Album {i % 31}" }, null))
                .ToList();
            await host.FileRepository.UpsertBatchAsync(claim, batch, now, default);
        }

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using (var extension = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pgstattuple;", connection))
        {
            await extension.ExecuteNonQueryAsync();
        }

        foreach (var index in new[] { "ix_library_files_title_trgm", "ix_library_files_artist_trgm", "ix_library_files_album_trgm" })
        {
            await using var pending = new NpgsqlCommand($"SELECT pending_pages FROM pgstatginindex('{index}');", connection);
            var pages = Convert.ToInt64(await pending.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(pages <= 10, $"{index} holds {pages} pending pages of 8 kB");
        }
    }
}
