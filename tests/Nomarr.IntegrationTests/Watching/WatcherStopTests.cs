using Nomarr.Helpers.Watching;
using Nomarr.IntegrationTests.Infrastructure;

namespace Nomarr.IntegrationTests.Watching;

/// <summary>Stopping the watchers with real inotify; waits are on conditions with a generous timeout.</summary>
public sealed class WatcherStopTests : IDisposable
{
    private readonly TempLibrary _disk = new();

    public void Dispose() => _disk.Dispose();

    [Fact]
    public async Task StoppingEndsTheWatchersEvenWhenTheChangesOfTheirQuietPeriodCannotBeStored()
    {
        _disk.AddTrack("A/1.mp3");
        await using var host = await WatchedHost.StartAsync(debounceSeconds: 600);
        var library = await host.AddWatchedLibraryAsync(_disk.Root);
        _disk.AddTrack("B/2.mp3");
        await WatchedHost.WaitForAsync(
            () => Task.FromResult(host.Watcher.GetState(library.Id) is { LastEventAt: not null } state ? state : null), "the new file to be seen");
        await DatabaseTable.RenameAsync(host.DatabasePath, "pending_scan_targets", "pending_scan_targets_away");
        using var patience = new CancellationTokenSource(WatchedHost.Patience);

        await host.Watcher.StopAsync(patience.Token);

        Assert.True(host.Watcher.Completion.IsCompletedSuccessfully);
        Assert.Equal(WatcherStatus.Stopped, host.Watcher.GetState(library.Id)?.Status);
    }
}
