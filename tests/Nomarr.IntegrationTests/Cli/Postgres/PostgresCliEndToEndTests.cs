using System.Globalization;
using System.Text.Json;
using Nomarr.IntegrationTests.Infrastructure;
using Nomarr.IntegrationTests.Infrastructure.Postgres;

namespace Nomarr.IntegrationTests.Cli.Postgres;

/// <summary>The real `nomarr` on PostgreSQL, chosen by NOMARR_Database__Provider as a user would.</summary>
public sealed class PostgresCliEndToEndTests(FreshPostgresDatabase database) : IClassFixture<FreshPostgresDatabase>, IDisposable
{
    private readonly TempLibrary _disk = new();

    public void Dispose() => _disk.Dispose();

    [SkippableFact]
    public async Task AddScanRescanTouchTargetAndMoveKeepTheirContractOnPostgres()
    {
        var cli = PostgresSettings.Cli(database);
        _disk.AddTrack("Rock/Beatles/01 - Help.mp3", title: "Help!", artist: "The Beatles", album: "Help!", track: 1, year: 1965);
        _disk.AddTrack("Jazz/02 - So What.flac", title: "So What", artist: "Miles Davis");
        _disk.AddTrack("Jazz/03 - Élan.ogg", title: "ÉLAN", artist: "Quartet");

        var added = await cli.RunAsync("library", "add", _disk.Root, "--name", "PgMusic", "--json");
        Assert.True(added.ExitCode == 0, added.Stderr);
        var id = added.Json().GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture);

        var first = await ScanAsync(cli, id);
        Assert.Equal((3, 3, 0, 0), Counts(first));

        var unchanged = await ScanAsync(cli, id);
        Assert.Equal((3, 0, 0, 3), Counts(unchanged));
        Assert.False(unchanged.GetProperty("changes_detected").GetBoolean());

        _disk.Retag("Jazz/02 - So What.flac", title: "So What (take 2)");
        var touched = await ScanAsync(cli, id);
        Assert.Equal((3, 0, 1, 2), Counts(touched));

        var targeted = await ScanAsync(cli, id, "--folder", "Jazz");
        Assert.Equal(["Jazz"], targeted.GetProperty("targets").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal((2, 0, 0, 2), Counts(targeted));

        var before = await FileAsync(cli, "Rock/Beatles/01 - Help.mp3");
        Directory.CreateDirectory(_disk.FullPath("Pop"));
        File.Move(_disk.FullPath("Rock/Beatles/01 - Help.mp3"), _disk.FullPath("Pop/Help.mp3"));
        var moved = await ScanAsync(cli, id);
        Assert.Equal(1, moved.GetProperty("files_moved").GetInt32());
        Assert.Equal(0, moved.GetProperty("files_missing").GetInt32());
        var after = await FileAsync(cli, "Pop/Help.mp3");
        Assert.Equal(before.GetProperty("id").GetInt64(), after.GetProperty("id").GetInt64());
        Assert.Equal(before.GetProperty("added_at").GetString(), after.GetProperty("added_at").GetString());

        // Search folds case beyond ASCII, as on SQLite.
        var found = await cli.RunAsync("files", "PgMusic", "--search", "élan", "--json");
        Assert.Equal("Jazz/03 - Élan.ogg", Assert.Single(found.Json().EnumerateArray()).GetProperty("path").GetString());

        var history = await cli.RunAsync("scans", "--json");
        Assert.Equal(5, history.Json().EnumerateArray().Count(s => s.GetProperty("status").GetString() == "completed"));
    }

    [SkippableFact]
    public async Task DbStatusShowsTheEngineAndMigrateAppliesNothingTwice()
    {
        var cli = PostgresSettings.Cli(database);

        var migrated = await cli.RunAsync("db", "migrate", "--json");
        Assert.True(migrated.ExitCode == 0, migrated.Stderr);
        var again = await cli.RunAsync("db", "migrate", "--json");
        var status = await cli.RunAsync("db", "status", "--json");

        Assert.Equal("postgres", status.Json().GetProperty("engine").GetString());
        Assert.Contains(database.Name, status.Json().GetProperty("location").GetString(), StringComparison.Ordinal);
        Assert.Equal(status.Json().GetProperty("latest").GetInt32(), status.Json().GetProperty("version").GetInt32());
        Assert.Empty(status.Json().GetProperty("pending").EnumerateArray());
        Assert.Empty(again.Json().GetProperty("applied").EnumerateArray());
    }

    private static async Task<JsonElement> ScanAsync(CliRunner cli, params string[] args)
    {
        var scan = await cli.RunAsync(["scan", .. args, "--json"]);
        Assert.True(scan.ExitCode == 0, scan.Stderr);
        return scan.Json();
    }

    private static async Task<JsonElement> FileAsync(CliRunner cli, string path)
    {
        var files = await cli.RunAsync("files", "PgMusic", "--json");
        Assert.True(files.ExitCode == 0, files.Stderr);
        return files.Json().EnumerateArray().Single(f => f.GetProperty("path").GetString() == path);
    }

    private static (int Scanned, int Added, int Updated, int Unchanged) Counts(JsonElement scan) => (
        scan.GetProperty("files_scanned").GetInt32(),
        scan.GetProperty("files_added").GetInt32(),
        scan.GetProperty("files_updated").GetInt32(),
        scan.GetProperty("files_unchanged").GetInt32());
}
