using Nomarr.IntegrationTests.Infrastructure;

namespace Nomarr.IntegrationTests.Cli;

/// <summary>`library add --node`, `scans --json` with the node that ran each scan, and `nomarr nodes`.</summary>
public sealed class NodesCliTests : IDisposable
{
    private readonly TempLibrary _disk = new();
    private readonly TempDatabase _database = new();

    public void Dispose()
    {
        _disk.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task ALibraryIsPinnedAtAddAScanRecordsItsNodeAndABadNodeNameIsRefusedInOneLine()
    {
        _disk.AddTrack("A/1.mp3");
        var cli = new CliRunner(_database.Path);
        cli.Environment["NOMARR_Node__Name"] = "attic-nas";

        var added = await cli.RunAsync("library", "add", _disk.Root, "--node", "attic-nas", "--json");
        Assert.True(added.ExitCode == 0, added.Stderr);
        Assert.Equal("attic-nas", added.Json().GetProperty("node").GetString());
        var scan = await cli.RunAsync("scan", "--json");
        Assert.True(scan.ExitCode == 0, scan.Stderr);
        var runs = (await cli.RunAsync("scans", "--json")).Json();
        Assert.Equal("attic-nas", runs[0].GetProperty("node").GetString());

        var bad = await cli.RunAsync("library", "add", _disk.Root, "--node", "no/such node");
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("--node", bad.Stderr, StringComparison.Ordinal);
        Assert.Single(bad.Stderr.Trim().Split('\n'));

        var badSetting = await new CliRunner(_database.Path) { Environment = { ["NOMARR_Node__Name"] = "-dash" } }.RunAsync("scans");
        Assert.Equal(1, badSetting.ExitCode);
        Assert.Contains("Node:Name", badSetting.Stderr, StringComparison.Ordinal);

        // No serve ran: no node has heartbeated.
        var nodes = await cli.RunAsync("nodes", "--json");
        Assert.True(nodes.ExitCode == 0, nodes.Stderr);
        Assert.Equal(0, nodes.Json().GetArrayLength());
    }
}
