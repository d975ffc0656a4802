using System.Diagnostics;
using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Watching;
using Nomarr.IntegrationTests.Infrastructure;
using Nomarr.Services.Libraries;

namespace Nomarr.IntegrationTests.Watching;

/// <summary>
/// A real folder forced to poll every second, with the real services and database and no inotify at
/// all: each change must reach the database by itself, within two periods and the quiet period
/// (plus a margin for the scan on a loaded machine), and nothing may be scanned while nothing changes.
/// </summary>
public sealed class PollingWatcherTests : IAsyncLifetime
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(0.3);
    private static readonly TimeSpan ScanMargin = TimeSpan.FromSeconds(5);

    private readonly TempLibrary _disk = new();
    private WatchedHost _host = null!;
    private Library _library = null!;

    public async Task InitializeAsync()
    {
        _disk.AddTrack("Rock/Beatles/01 - Help.mp3", title: "Help");
        _disk.AddTrack("Rock/Beatles/02 - Yesterday.flac", title: "Yesterday");
        _disk.AddTrack("Jazz/Miles/01 - So What.ogg", title: "So What");
        _host = await WatchedHost.StartAsync(Quiet.TotalSeconds);
        _library = await _host.Libraries.AddAsync(_disk.Root, null, WatchMode.Poll, (int)Period.TotalSeconds, LibraryRootRules.Default, default);
        await _host.WaitForStatusAsync(_library.Id, WatcherStatus.Watching);
        await _host.WaitForScanAsync(e => e.LibraryId == _library.Id && e.Result?.FullScan == true);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _disk.Dispose();
    }

    [Fact]
    public void TheLibraryIsPolledBecauseItsSettingSaysSo()
    {
        var state = _host.Watcher.GetState(_library.Id);

        Assert.Equal(WatchMode.Poll, state?.Mode);
        Assert.Contains("set to poll", state?.ModeReason, StringComparison.Ordinal);
        Assert.InRange(state?.PollSeconds ?? 0, Period.TotalSeconds, 10 * Period.TotalSeconds);
        Assert.NotNull(state?.LastPollMs);
    }

    [Fact]
    public async Task AnAlbumCopiedInShowsUpInTheDatabase()
    {
        var clock = Stopwatch.StartNew();
        _disk.AddTrack("Pop/Abba/Gold/01 - Dancing Queen.mp3", title: "Dancing Queen");
        _disk.AddTrack("Pop/Abba/Gold/CD2/01 - SOS.m4a", title: "SOS");

        await _host.WaitForFileAsync(_library.Id, "Pop/Abba/Gold/01 - Dancing Queen.mp3", f => f.Valid && f.Tags.Title == "Dancing Queen");
        await _host.WaitForFileAsync(_library.Id, "Pop/Abba/Gold/CD2/01 - SOS.m4a", f => f.Valid && f.Tags.Title == "SOS");
        AssertInTime(clock);
    }

    [Fact]
    public async Task ARetaggedFileShowsItsNewTags()
    {
        var clock = Stopwatch.StartNew();
        _disk.Retag("Rock/Beatles/01 - Help.mp3", title: "Help!", year: 1965);

        var file = await _host.WaitForFileAsync(_library.Id, "Rock/Beatles/01 - Help.mp3", f => f.Tags.Title == "Help!");

        Assert.Equal(1965, file.Tags.Year);
        AssertInTime(clock);
    }

    [Fact]
    public async Task ADeletedFileIsMarkedMissing()
    {
        var clock = Stopwatch.StartNew();
        _disk.Delete("Jazz/Miles/01 - So What.ogg");

        var file = await _host.WaitForFileAsync(_library.Id, "Jazz/Miles/01 - So What.ogg", f => !f.Valid);

        Assert.NotNull(file.MissingSince);
        AssertInTime(clock);
    }

    [Fact]
    public async Task ARenamedAlbumFolderKeepsTheIdsOfItsFiles()
    {
        var before = (await _host.FilesAsync(_library.Id)).Where(f => f.Path.StartsWith("Rock/Beatles/", StringComparison.Ordinal)).ToDictionary(f => f.Path[13..], f => f.Id);
        var clock = Stopwatch.StartNew();

        Directory.Move(_disk.FullPath("Rock/Beatles"), _disk.FullPath("Rock/The Beatles"));

        var help = await _host.WaitForFileAsync(_library.Id, "Rock/The Beatles/01 - Help.mp3", f => f.Valid);
        var yesterday = await _host.WaitForFileAsync(_library.Id, "Rock/The Beatles/02 - Yesterday.flac", f => f.Valid);
        AssertInTime(clock);
        Assert.Equal(before["01 - Help.mp3"], help.Id);
        Assert.Equal(before["02 - Yesterday.flac"], yesterday.Id);
        Assert.DoesNotContain(await _host.FilesAsync(_library.Id), f => f.Path.StartsWith("Rock/Beatles/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NothingIsScannedWhileNothingChanges()
    {
        var scans = _host.Completed.Count;
        var since = DateTimeOffset.UtcNow;

        // Three rounds at least, each compared with the one before.
        await WatchedHost.WaitForAsync(
            () => Task.FromResult(_host.Watcher.GetState(_library.Id) is { LastPollAt: { } at } s && at > since + 3 * Period ? s : null),
            "three more poll rounds");

        Assert.Equal(scans, _host.Completed.Count);
        Assert.False(_host.Workers.IsBusy(_library.Id));
    }

    [Fact]
    public async Task ARootThatVanishesBetweenRoundsMarksNothingMissingAndDegradesTheWatcher()
    {
        var scans = _host.Completed.Count;
        Directory.Move(_disk.Root, _disk.Root + ".gone");
        try
        {
            var degraded = await _host.WaitForStatusAsync(_library.Id, WatcherStatus.Degraded);
            Assert.Contains("is gone", degraded.Reason, StringComparison.Ordinal);

            // Rounds go on failing: still nothing scanned, nothing missing.
            await Task.Delay(3 * Period);
            Assert.Equal(scans, _host.Completed.Count);
            Assert.All(await _host.FilesAsync(_library.Id), f => Assert.True(f.Valid, f.Path));
        }
        finally
        {
            Directory.Move(_disk.Root + ".gone", _disk.Root);
        }

        await _host.WaitForStatusAsync(_library.Id, WatcherStatus.Watching);
        var full = await _host.WaitForScanAsync(e => e.LibraryId == _library.Id && e.Result?.FullScan == true, after: scans);
        Assert.Equal(0, full.Result?.FilesMissing);
        _disk.AddTrack("Jazz/Miles/02 - Freddie.mp3");
        await _host.WaitForFileAsync(_library.Id, "Jazz/Miles/02 - Freddie.mp3", f => f.Valid);
    }

    private static void AssertInTime(Stopwatch clock)
    {
        var bound = 2 * Period + Quiet + ScanMargin;
        Assert.True(clock.Elapsed < bound, $"took {clock.Elapsed.TotalSeconds:F1} s, more than {bound.TotalSeconds:F1} s");
    }
}
