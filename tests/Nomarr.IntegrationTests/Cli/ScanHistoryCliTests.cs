using Nomarr.IntegrationTests.Infrastructure;

namespace Nomarr.IntegrationTests.Cli;

public sealed class ScanHistoryCliTests : IDisposable
{
    private readonly TempLibrary _disk = new();
    private readonly string _database = Path.Combine(Path.GetTempPath(), "nomarr-cli-" + Guid.NewGuid().ToString("N") + ".db");
    private readonly CliRunner _cli;

    public ScanHistoryCliTests() => _cli = new CliRunner(_database);

    public void Dispose()
    {
        _disk.Dispose();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_database + suffix);
        }
    }

    [Fact]
    public async Task ScansListsRecentRunsAndShowListsTheFilesThatFailedAndWhy()
    {
        _disk.AddTrack("A/good.mp3");
        _disk.Write("A/corrupt.mp3", System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("not audio ", 300))));
        await _cli.RunAsync("library", "add", _disk.Root, "--name", "Music");
        var scanId = (await _cli.RunAsync("scan", "Music", "--json")).Json().GetProperty("scan_id").GetInt64();

        var list = await _cli.RunAsync("scans", "Music", "--json");
        var show = await _cli.RunAsync("scans", "show", scanId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");

        Assert.True(list.ExitCode == 0, list.Stderr);
        var run = Assert.Single(list.Json().EnumerateArray());
        Assert.Equal(scanId, run.GetProperty("id").GetInt64());
        Assert.Equal("completed", run.GetProperty("status").GetString());
        Assert.Equal(1, run.GetProperty("files_failed").GetInt32());
        Assert.Equal(2, run.GetProperty("files_added").GetInt32());
        Assert.True(run.GetProperty("duration_ms").GetInt64() >= 0);
        Assert.True(show.ExitCode == 0, show.Stderr);
        var failure = Assert.Single(show.Json().GetProperty("failures").EnumerateArray());
        Assert.Equal("A/corrupt.mp3", failure.GetProperty("path").GetString());
        Assert.Equal("corrupt", failure.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task ShowingAScanThatDoesNotExistFailsClearly()
    {
        var show = await _cli.RunAsync("scans", "show", "42");

        Assert.Equal(1, show.ExitCode);
        Assert.Contains("no scan with id 42", show.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PurgeMissingDeletesOnlyRecordsMissingForLongerThanTheGivenAge()
    {
        _disk.AddTrack("A/1.mp3");
        _disk.AddTrack("A/2.mp3");
        await _cli.RunAsync("library", "add", _disk.Root);
        await _cli.RunAsync("scan", "--json");
        _disk.Delete("A/2.mp3");
        await _cli.RunAsync("scan", "--json");

        var young = await _cli.RunAsync("library", "purge-missing", "--older-than", "30d", "--json");
        var stillMissing = (await _cli.RunAsync("files", "--missing", "--json")).Json().GetArrayLength();
        var all = await _cli.RunAsync("library", "purge-missing", "--older-than", "0s", "--json");

        Assert.True(young.ExitCode == 0, young.Stderr);
        Assert.Equal(0, young.Json().GetProperty("purged").GetInt32());
        Assert.Equal(1, stillMissing);
        Assert.Equal(1, all.Json().GetProperty("purged").GetInt32());
        Assert.Equal(0, (await _cli.RunAsync("files", "--missing", "--json")).Json().GetArrayLength());
        Assert.Equal(1, (await _cli.RunAsync("files", "--json")).Json().GetArrayLength());
    }

    [Fact]
    public async Task AScanOfEveryLibraryScansTheOthersWhenOnesDriveIsGoneAndExitsWithOne()
    {
        using var other = new TempLibrary();
        _disk.AddTrack("A/1.mp3");
        other.AddTrack("B/2.mp3");
        await _cli.RunAsync("library", "add", _disk.Root, "--name", "Gone");
        await _cli.RunAsync("library", "add", other.Root, "--name", "Here");
        await _cli.RunAsync("scan", "--json");
        other.AddTrack("B/3.mp3");
        Directory.Move(_disk.Root, _disk.Root + "-unplugged");
        try
        {
            var scan = await _cli.RunAsync("scan", "--json");

            Assert.Equal(1, scan.ExitCode);
            Assert.Contains("Gone", scan.Stderr, StringComparison.Ordinal);
            Assert.Equal(1, Assert.Single(scan.Json().EnumerateArray()).GetProperty("files_added").GetInt32());
        }
        finally
        {
            Directory.Move(_disk.Root + "-unplugged", _disk.Root);
        }
    }

    [Fact]
    public async Task AnEmptiedRootIsRefusedOnStderrUntilTheScanIsConfirmedWithAllowMassMissing()
    {
        _disk.AddTrack("A/1.mp3");
        await _cli.RunAsync("library", "add", _disk.Root);
        await _cli.RunAsync("scan", "--json");
        Directory.Delete(_disk.FullPath("A"), recursive: true);

        var refused = await _cli.RunAsync("scan", "1", "--json");
        var confirmed = await _cli.RunAsync("scan", "1", "--json", "--allow-mass-missing");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("--allow-mass-missing", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, refused.Stdout);
        Assert.True(confirmed.ExitCode == 0, confirmed.Stderr);
        Assert.Equal(1, confirmed.Json().GetProperty("files_missing").GetInt32());
    }
}
