using System.Text.Json;
using Nomarr.IntegrationTests.Infrastructure;

namespace Nomarr.IntegrationTests.Cli;

public sealed class CliEndToEndTests : IDisposable
{
    private readonly TempLibrary _disk = new();
    private readonly string _database = Path.Combine(Path.GetTempPath(), "nomarr-cli-" + Guid.NewGuid().ToString("N") + ".db");
    private readonly CliRunner _cli;

    public CliEndToEndTests() => _cli = new CliRunner(_database);

    public void Dispose()
    {
        _disk.Dispose();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_database + suffix);
        }
    }

    [Fact]
    public async Task AddScanAndListFilesThroughTheCommandLine()
    {
        _disk.AddTrack("Rock/Beatles/01 - Help.mp3", title: "Help!", artist: "The Beatles", album: "Help!", track: 1, year: 1965);
        _disk.AddTrack("Jazz/02 - So What.flac", title: "So What", artist: "Miles Davis");

        var added = await _cli.RunAsync("library", "add", _disk.Root, "--name", "Music", "--json");
        Assert.Equal(0, added.ExitCode);
        var id = added.Json().GetProperty("id").GetInt64();

        var scan = await _cli.RunAsync("scan", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");
        Assert.True(scan.ExitCode == 0, scan.Stderr);
        var result = scan.Json();
        Assert.Equal(2, result.GetProperty("files_scanned").GetInt32());
        Assert.Equal(2, result.GetProperty("files_added").GetInt32());
        foreach (var key in new[] { "files_updated", "files_unchanged", "files_missing", "files_failed", "changes_detected", "scan_id", "full_scan", "duration_ms" })
        {
            Assert.True(result.TryGetProperty(key, out _), $"scan --json lacks {key}");
        }

        var files = await _cli.RunAsync("files", "Music", "--json");
        Assert.Equal(0, files.ExitCode);
        var help = files.Json().EnumerateArray().Single(f => f.GetProperty("path").GetString() == "Rock/Beatles/01 - Help.mp3");
        Assert.Equal("Help!", help.GetProperty("title").GetString());
        Assert.Equal("The Beatles", help.GetProperty("artist").GetString());
        Assert.Equal(1965, help.GetProperty("year").GetInt32());
        Assert.Equal(id, help.GetProperty("library_id").GetInt64());
        Assert.True(help.GetProperty("valid").GetBoolean());
        Assert.Equal(new FileInfo(_disk.FullPath("Rock/Beatles/01 - Help.mp3")).Length, help.GetProperty("size").GetInt64());
        Assert.Equal(JsonValueKind.String, help.GetProperty("mtime").ValueKind);
    }

    [Fact]
    public async Task ARescanAfterAChangeReportsExactlyThatChange()
    {
        _disk.AddTrack("A/1.mp3");
        _disk.AddTrack("A/2.ogg");
        await _cli.RunAsync("library", "add", _disk.Root);
        await _cli.RunAsync("scan", "--json");
        _disk.Delete("A/2.ogg");
        _disk.AddTrack("B/3.opus");

        var rescan = (await _cli.RunAsync("scan", "--json")).Json()[0];

        Assert.Equal(1, rescan.GetProperty("files_added").GetInt32());
        Assert.Equal(1, rescan.GetProperty("files_missing").GetInt32());
        Assert.Equal(1, rescan.GetProperty("files_unchanged").GetInt32());
        var missing = (await _cli.RunAsync("files", "--missing", "--json")).Json();
        Assert.Equal("A/2.ogg", Assert.Single(missing.EnumerateArray()).GetProperty("path").GetString());
    }

    [Fact]
    public async Task AFolderThatEscapesTheRootIsAnErrorOnStderrWithANonZeroExitCode()
    {
        await _cli.RunAsync("library", "add", _disk.Root);

        var scan = await _cli.RunAsync("scan", "1", "--folder", "../../etc", "--json");

        Assert.NotEqual(0, scan.ExitCode);
        Assert.Contains("leaves the library root", scan.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, scan.Stdout);
    }

    [Fact]
    public async Task AddingAFolderThatDoesNotExistFailsClearly()
    {
        var added = await _cli.RunAsync("library", "add", _disk.FullPath("not-there"));

        Assert.Equal(1, added.ExitCode);
        Assert.Contains("does not exist", added.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFileThatIsNotADatabaseIsOneLineOnStderrAndIsLeftAsItWas()
    {
        await File.WriteAllTextAsync(_database, "these are my notes, not a database\n" + new string('x', 4096));
        var before = await File.ReadAllBytesAsync(_database);

        var listed = await _cli.RunAsync("library", "list");

        Assert.Equal(1, listed.ExitCode);
        var line = Assert.Single(listed.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("nomarr: ", line, StringComparison.Ordinal);
        Assert.Contains("not a database", line, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(_database));
    }
}
