using Nomarr.Helpers.Watching;
using Nomarr.IntegrationTests.Infrastructure;

namespace Nomarr.IntegrationTests.Watching;

/// <summary>When the watcher cannot see: errors, a vanished library folder, a restart. Nothing may be lost.</summary>
public sealed class WatcherRecoveryTests : IDisposable
{
    private readonly TempLibrary _disk = new();

    public void Dispose() => _disk.Dispose();

    [Fact]
    public async Task AWatcherErrorDegradesTheLibraryThenItIsScannedInFullAndWatchedAgain()
    {
        _disk.AddTrack("A/01.mp3");
        await using var host = await WatchedHost.StartAsync();
        var library = await host.AddWatchedLibraryAsync(_disk.Root);
        var scansBefore = host.Completed.Count;
        var degraded = new TaskCompletionSource<WatcherState>(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Watcher.StateChanged += (_, e) =>
        {
            if (e.State.Status == WatcherStatus.Degraded)
            {
                degraded.TrySetResult(e.State);
            }
        };

        host.Watcher.ReportError(library.Id, new InternalBufferOverflowException());

        var state = await degraded.Task.WaitAsync(WatchedHost.Patience);
        Assert.Contains("overflowed", state.Reason, StringComparison.Ordinal);
        var fullScan = await host.WaitForScanAsync(e => e.LibraryId == library.Id && e.Result?.FullScan == true, after: scansBefore);
        Assert.Null(fullScan.Error);
        await host.WaitForStatusAsync(library.Id, WatcherStatus.Watching);
        _disk.AddTrack("A/02.mp3");
        await host.WaitForFileAsync(library.Id, "A/02.mp3", f => f.Valid);
    }

    [Fact]
    public async Task TheWatchLimitIsReportedWithTheSettingAndItsCurrentValue()
    {
        await using var host = await WatchedHost.StartAsync();
        var library = await host.AddWatchedLibraryAsync(_disk.Root);
        var current = File.ReadAllText("/proc/sys/fs/inotify/max_user_watches").Trim();

        // What .NET raises when inotify_add_watch fails with ENOSPC.
        host.Watcher.ReportError(library.Id, new IOException("The configured user limit on the number of inotify watches has been reached.", 28));

        var degraded = await host.WaitForStatusAsync(library.Id, WatcherStatus.Degraded);
        Assert.Contains($"fs.inotify.max_user_watches is {current}", degraded.Reason, StringComparison.Ordinal);
        await host.WaitForStatusAsync(library.Id, WatcherStatus.Watching);
    }

    [Fact]
    public async Task WithWatchersTurnedOffEveryLibraryIsStoppedAndSaysWhy()
    {
        await using var host = await WatchedHost.StartAsync(settings: new Dictionary<string, string?> { ["Watcher:Enabled"] = "false" });

        var library = await host.Libraries.AddAsync(_disk.Root, null, watch: true, default);

        var state = await host.WaitForStatusAsync(library.Id, WatcherStatus.Stopped);
        Assert.Contains("Watcher:Enabled", state.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoppingTheServiceStopsEveryWatcherAndItsLoop()
    {
        var host = await WatchedHost.StartAsync();
        var library = await host.AddWatchedLibraryAsync(_disk.Root);
        var watcher = host.Watcher;

        await host.DisposeAsync();

        Assert.True(watcher.Completion.IsCompletedSuccessfully);
        Assert.Equal(WatcherStatus.Stopped, watcher.GetState(library.Id)?.Status);
    }

    [Fact]
    public async Task ALibraryFolderThatVanishesIsDegradedAndScannedInFullWhenItIsBack()
    {
        _disk.AddTrack("A/01.mp3");
        await using var host = await WatchedHost.StartAsync();
        var library = await host.AddWatchedLibraryAsync(_disk.Root);
        var away = _disk.Root + "-away";

        // Like an unmount: the folder is gone from where the library says it is.
        Directory.Move(_disk.Root, away);
        var degraded = await DegradedAfterAnEventAsync(host, library.Id, away);
        Assert.Contains(_disk.Root, degraded.Reason, StringComparison.Ordinal);
        var scansBefore = host.Completed.Count;

        Directory.Move(away, _disk.Root);
        _disk.AddTrack("A/02.mp3");

        await host.WaitForStatusAsync(library.Id, WatcherStatus.Watching);
        await host.WaitForScanAsync(e => e.LibraryId == library.Id && e.Result?.FullScan == true, after: scansBefore);
        await host.WaitForFileAsync(library.Id, "A/02.mp3", f => f.Valid);
        await host.WaitForFileAsync(library.Id, "A/01.mp3", f => f.Valid);
    }

    [Fact]
    public async Task FoldersStillInTheirQuietPeriodWhenTheServiceStopsAreScannedAfterTheNextStart()
    {
        _disk.AddTrack("A/01.mp3");
        var noCatchUp = new Dictionary<string, string?> { ["Watcher:ScanOnStart"] = "false" };
        var databasePath = Path.Combine(Path.GetTempPath(), "nomarr-test-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            long libraryId;
            await using (var first = await WatchedHost.StartAsync(debounceSeconds: 600, databasePath: databasePath, settings: noCatchUp))
            {
                var library = await first.Libraries.AddAsync(_disk.Root, null, watch: true, default);
                libraryId = library.Id;
                await first.WaitForStatusAsync(libraryId, WatcherStatus.Watching);
                _disk.AddTrack("B/02.mp3");
                await WatchedHost.WaitForAsync(() => Task.FromResult(first.Watcher.GetState(libraryId)?.LastEventAt is not null ? "seen" : null), "the event");
                Assert.Empty(await first.FilesAsync(libraryId));
            }

            await using var second = await WatchedHost.StartAsync(databasePath: databasePath, settings: noCatchUp);
            await second.WaitForFileAsync(libraryId, "B/02.mp3", f => f.Valid);
            Assert.DoesNotContain(await second.FilesAsync(libraryId), f => f.Path == "A/01.mp3");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            WatchedHost.DeleteDatabase(databasePath);
        }
    }

    /// <summary>Moving the root away raises nothing by itself (no inotify error); the next event under its old watch reveals it.</summary>
    private static async Task<WatcherState> DegradedAfterAnEventAsync(WatchedHost host, long libraryId, string movedRoot)
    {
        File.WriteAllBytes(Path.Combine(movedRoot, "A", "poke.mp3"), [0]);
        var state = await host.WaitForStatusAsync(libraryId, WatcherStatus.Degraded);
        File.Delete(Path.Combine(movedRoot, "A", "poke.mp3"));
        return state;
    }
}
