using Nomarr.IntegrationTests.Infrastructure;

namespace Nomarr.IntegrationTests.Cli;

/// <summary>`library add --watch-mode`, and `library list` saying how each library is watched and why.</summary>
public sealed class WatchModeCliTests : IDisposable
{
    private readonly TempLibrary _polled = new();
    private readonly TempLibrary _auto = new();
    private readonly TempDatabase _database = new();
    private readonly CliRunner _cli;

    public WatchModeCliTests() => _cli = new CliRunner(_database.Path);

    public void Dispose()
    {
        _polled.Dispose();
        _auto.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task ListShowsTheModeThatRunsAndWhy()
    {
        var added = await _cli.RunAsync("library", "add", _polled.Root, "--watch-mode", "poll", "--poll-seconds", "15", "--json");
        Assert.True(added.ExitCode == 0, added.Stderr);
        Assert.Equal("poll", added.Json().GetProperty("watch_mode").GetString());
        Assert.Equal(15, added.Json().GetProperty("poll_seconds").GetInt32());
        Assert.Equal(0, (await _cli.RunAsync("library", "add", _auto.Root)).ExitCode);

        var list = await _cli.RunAsync("library", "list", "--json");
        var table = await _cli.RunAsync("library", "list");

        Assert.True(list.ExitCode == 0, list.Stderr);
        var libraries = list.Json().EnumerateArray().ToList();
        var polled = libraries[0].GetProperty("watching");
        Assert.Equal("poll", polled.GetProperty("mode").GetString());
        Assert.Equal(15, polled.GetProperty("poll_seconds").GetInt32());
        Assert.StartsWith("set to poll for this library", polled.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var auto = libraries[1].GetProperty("watching");
        Assert.Equal("auto", libraries[1].GetProperty("watch_mode").GetString());
        Assert.Equal("inotify", auto.GetProperty("mode").GetString());
        Assert.Contains("a local filesystem", auto.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("poll every 15 s", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("inotify", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownModeOrAContradictionIsRefusedWithOneLine()
    {
        var unknown = await _cli.RunAsync("library", "add", _polled.Root, "--watch-mode", "sometimes");
        var contradiction = await _cli.RunAsync("library", "add", _polled.Root, "--no-watch", "--watch-mode", "poll");
        var tooOften = await _cli.RunAsync("library", "add", _polled.Root, "--poll-seconds", "0");

        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("sometimes", unknown.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(0, contradiction.ExitCode);
        Assert.Contains("contradict", contradiction.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(0, tooOften.ExitCode);
        Assert.Contains("between 1 and 86400", tooOften.Stderr, StringComparison.Ordinal);
        Assert.Equal("[]", (await _cli.RunAsync("library", "list", "--json")).Stdout.Trim());
    }
}
