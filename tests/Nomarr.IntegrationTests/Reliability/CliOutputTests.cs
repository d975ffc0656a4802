using Nomarr.IntegrationTests.Infrastructure;

namespace Nomarr.IntegrationTests.Reliability;

/// <summary>What a user sees when things go wrong or get large: one line on stderr, short tables, no escapes in a pipe.</summary>
[Trait("Category", "Reliability")]
public sealed class CliOutputTests : IDisposable
{
    private readonly TempLibrary _disk = new();
    private readonly string _db = Path.Combine(Path.GetTempPath(), "nomarr-cli-" + Guid.NewGuid().ToString("N") + ".db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _disk.Dispose();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_db + suffix);
        }
    }

    [Fact]
    public async Task ScansSummarisesARunOf1100FoldersAndPrintsNoEscapesToAPipe()
    {
        var args = new List<string> { "scan", _disk.Root, "--json" };
        for (var i = 0; i < 1_100; i++)
        {
            Directory.CreateDirectory(_disk.FullPath($"Z/d{i:0000}"));
            args.AddRange(["--folder", $"Z/d{i:0000}"]);
        }

        _disk.AddTrack("Z/d0001/t.mp3");
        var cli = new CliRunner(_db);
        Assert.Equal(0, (await cli.RunAsync("library", "add", _disk.Root)).ExitCode);
        var scan = await cli.RunAsync([.. args]);
        Assert.True(scan.ExitCode == 0, scan.Stderr);

        var scans = await cli.RunAsync("scans");

        Assert.Equal(0, scans.ExitCode);
        Assert.True(scans.Stdout.Contains("1,100 folders", StringComparison.Ordinal), scans.Stdout);
        Assert.Contains("1,100 folders", scans.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Z/d0500", scans.Stdout, StringComparison.Ordinal);
        Assert.InRange(scans.Stdout.Split('\n').Length, 1, 20);
        Assert.DoesNotContain('\u001b', scans.Stdout);
    }

    [Fact]
    public async Task AFailingCommandPrintsOneLineWithoutAStackTraceUnlessVerbose()
    {
        _disk.AddTrack("A/a.mp3");
        // The database's folder would be inside a file: it can be neither created nor opened.
        var cli = new CliRunner(Path.Combine(_disk.FullPath("A/a.mp3"), "nomarr.db"));

        var plain = await cli.RunAsync("scan", _disk.Root);

        Assert.NotEqual(0, plain.ExitCode);
        var line = Assert.Single(plain.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("nomarr: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", plain.Stderr, StringComparison.Ordinal);
    }
}
