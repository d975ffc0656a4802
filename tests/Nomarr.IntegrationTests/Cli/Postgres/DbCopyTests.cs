using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Nomarr.IntegrationTests.Infrastructure;
using Nomarr.IntegrationTests.Infrastructure.Postgres;
using Npgsql;

namespace Nomarr.IntegrationTests.Cli.Postgres;

/// <summary>`nomarr db copy` from a used SQLite file into a new PostgreSQL database (one per test).</summary>
public sealed class DbCopyTests : IAsyncLifetime
{
    private readonly FreshPostgresDatabase _database = new();
    private static readonly string[] Tables = ["libraries", "library_files", "scan_runs", "pending_scan_targets", "file_values", "file_changes", "file_changes_pruned", "playlists", "playlist_entries"];
    private readonly TempLibrary _disk = new();
    private readonly string _sqlitePath = Path.Combine(Path.GetTempPath(), "nomarr-copy-" + Guid.NewGuid().ToString("N") + ".db");

    public Task InitializeAsync() => _database.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        _disk.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_sqlitePath + suffix);
        }
    }

    [SkippableFact]
    public async Task ACopyKeepsEveryRowAndIdAndScanningAfterwardsChangesNothing()
    {
        var postgres = PostgresSettings.Cli(_database);
        var sqlite = new CliRunner(_sqlitePath);
        _disk.AddTrack("A/1.mp3", title: "Één", artist: "Ärtist");
        _disk.AddTrack("A/2.flac");
        _disk.AddTrack("B/3.ogg");
        _disk.AddTrack("B/4.opus");
        _disk.Write("Lists/mix.m3u8", System.Text.Encoding.UTF8.GetBytes("../A/2.flac\n../B/3.ogg\n../Nowhere/9.mp3\n"));
        await RunAsync(sqlite, "library", "add", _disk.Root, "--name", "Copied");
        await RunAsync(sqlite, "scan", "--json");
        File.Move(_disk.FullPath("A/2.flac"), _disk.FullPath("B/2 moved.flac"));
        _disk.Delete("B/4.opus");
        await RunAsync(sqlite, "scan", "--json");

        var copy = await RunAsync(postgres, "db", "copy", "--from", "sqlite:" + _sqlitePath, "--to", "postgres:" + _database.ConnectionString, "--json");

        var copied = JsonNode.Parse(copy.Stdout)!["tables"]!.AsArray().ToDictionary(t => (string)t!["name"]!, t => (long)t!["rows"]!);
        Assert.Equal(4, copied["library_files"]);
        Assert.Equal((1, 3), (copied["playlists"], copied["playlist_entries"]));
        foreach (var table in Tables)
        {
            var expected = await SqliteRowsAsync(table);
            var actual = await PostgresRowsAsync(table);
            Assert.Equal(expected.Count, actual.Count);
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.True(JsonNode.DeepEquals(expected[i], actual[i]), $"{table} row {i}: SQLite {expected[i].ToJsonString()}, PostgreSQL {actual[i].ToJsonString()}");
            }
        }

        var rescan = JsonNode.Parse((await RunAsync(postgres, "scan", "--json")).Stdout)!.AsArray().Single()!;
        Assert.Equal((3, 0, 0, 0, 0), ((int)rescan["files_unchanged"]!, (int)rescan["files_added"]!, (int)rescan["files_updated"]!, (int)rescan["files_missing"]!, (int)rescan["files_moved"]!));

        // New rows take ids past the copied ones.
        var lastScan = (long)rescan["scan_id"]!;
        Assert.True(lastScan > (await SqliteRowsAsync("scan_runs")).Max(r => (long)r["id"]!));
        _disk.AddTrack("C/5.mp3");
        await RunAsync(postgres, "scan", "--json");
        var newest = JsonNode.Parse((await RunAsync(postgres, "files", "Copied", "--folder", "C", "--json")).Stdout)!.AsArray().Single()!;
        Assert.True((long)newest["id"]! > (await SqliteRowsAsync("library_files")).Max(r => (long)r["id"]!));

        // The change log goes on past the copied numbers: the new file is its latest entry.
        var log = await PostgresRowsAsync("file_changes");
        var latest = log.MaxBy(r => (long)r["seq"]!)!;
        Assert.Equal(((long)newest["id"]!, "added"), ((long)latest["file_id"]!, (string)latest["kind"]!));
        Assert.True((long)latest["seq"]! > (await SqliteRowsAsync("file_changes")).Max(r => (long)r["seq"]!));
    }

    [SkippableFact]
    public async Task ACopyIntoADatabaseThatHoldsDataIsRefusedAndChangesNothing()
    {
        var postgres = PostgresSettings.Cli(_database);
        var sqlite = new CliRunner(_sqlitePath);
        _disk.AddTrack("A/1.mp3");
        await RunAsync(sqlite, "library", "add", _disk.Root);
        await RunAsync(postgres, "library", "add", _disk.Root, "--name", "Already here");

        var copy = await postgres.RunAsync("db", "copy", "--from", "sqlite:" + _sqlitePath, "--to", "postgres:" + _database.ConnectionString);

        Assert.Equal(1, copy.ExitCode);
        Assert.Contains("not empty", Assert.Single(copy.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        var libraries = await PostgresRowsAsync("libraries");
        Assert.Equal("Already here", (string)Assert.Single(libraries)["name"]!);
    }

    private static async Task<CliResult> RunAsync(CliRunner cli, params string[] args)
    {
        var result = await cli.RunAsync(args);
        Assert.True(result.ExitCode == 0, $"nomarr {string.Join(' ', args)}: {result.Stderr}");
        return result;
    }

    // Rows as JSON objects with one spelling for both engines: times to the microsecond, 0/1 as booleans, JSON as JSON.
    private async Task<List<JsonObject>> SqliteRowsAsync(string table)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _sqlitePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {table} ORDER BY 1, 2;";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<JsonObject>();
        while (await reader.ReadAsync())
        {
            var row = new JsonObject();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : Normalize(reader.GetName(i), reader.GetValue(i));
            }

            rows.Add(row);
        }

        return rows;
    }

    private async Task<List<JsonObject>> PostgresRowsAsync(string table)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT * FROM {table} ORDER BY 1, 2;", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<JsonObject>();
        while (await reader.ReadAsync())
        {
            var row = new JsonObject();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null
                    : reader.GetDataTypeName(i) == "jsonb" ? JsonNode.Parse(reader.GetString(i))
                    : reader.GetDataTypeName(i).StartsWith("timestamp", StringComparison.Ordinal) ? Time(reader.GetFieldValue<DateTimeOffset>(i))
                    : Normalize(reader.GetName(i), reader.GetValue(i));
            }

            rows.Add(row);
        }

        return rows;
    }

    private static JsonNode? Normalize(string column, object value) => value switch
    {
        string text when text.StartsWith('[') || text.StartsWith('{') => JsonNode.Parse(text),
        string text when DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) => Time(time),
        bool flag => flag,
        long number when column is "watch" or "valid" or "full_scan" or "full_scan_in_progress" => number != 0,
        long number => number,
        int number => (long)number,
        double number => number,
        string text => text,
        _ => JsonValue.Create(value.ToString()),
    };

    private static string Time(DateTimeOffset time) =>
        time.UtcDateTime.AddTicks(-(time.UtcDateTime.Ticks % 10)).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
}
