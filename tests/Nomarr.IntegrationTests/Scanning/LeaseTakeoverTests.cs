using Microsoft.Extensions.Time.Testing;
using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Scanning;
using Nomarr.IntegrationTests.Infrastructure;
using Nomarr.Persistence;
using Nomarr.Services.Status;

namespace Nomarr.IntegrationTests.Scanning;

/// <summary>
/// A scan whose lease lapsed on the database's clock (its renewals stopped, as in a frozen process)
/// and was taken over: it writes nothing more, and the scan that took the library over stands.
/// </summary>
public sealed class LeaseTakeoverTests : IDisposable
{
    private readonly TempLibrary _disk = new();
    private readonly NomarrTestHost _frozen;
    private readonly NomarrTestHost _other;

    public LeaseTakeoverTests()
    {
        // Renewals run on this clock, which never moves: the lease lapses on the database's clock alone.
        _frozen = new NomarrTestHost(new Dictionary<string, string?> { ["Scanner:LeaseSeconds"] = "5" }, new FakeTimeProvider(DateTimeOffset.UtcNow));
        _other = new NomarrTestHost(databasePath: _frozen.DatabasePath);
    }

    public void Dispose()
    {
        _other.Dispose();
        _frozen.Dispose();
        _disk.Dispose();
    }

    [Fact]
    public async Task AScanWhoseLeaseWasTakenOverWritesNothingMoreAndTheNewHoldersResultStands()
    {
        _disk.AddTrack("A/1.mp3");
        _disk.AddTrack("B/2.mp3");
        var library = await _frozen.Libraries.AddAsync(_disk.Root, null, watch: false, default);
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stale = Task.Run(() => _frozen.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, new HoldAtStart(reached, release.Task), default));
        await reached.Task.WaitAsync(WatchedHost.Patience);
        var staleRun = Assert.Single(await _other.History.ListAsync(library.Id, 10, default)).Id;

        await WatchedHost.WaitForAsync(
            async () => await _other.History.StateOfAsync(library.Id, default) == LibraryScanState.Interrupted ? "lapsed" : null,
            "the frozen scan's lease to lapse on the database's clock");
        var taken = await _other.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);
        _disk.AddTrack("C/3.mp3");
        release.SetResult();

        await Assert.ThrowsAsync<LeaseLostException>(() => stale);
        Assert.Equal((2, staleRun), (taken.FilesAdded, taken.ResumedFrom));
        Assert.Equal(ScanRunStatus.Completed, (await _other.History.GetAsync(taken.ScanId, default))?.Status);
        Assert.Equal(ScanRunStatus.Resumed, (await _other.History.GetAsync(staleRun, default))?.Status);
        var stored = await _other.Files.QueryAsync(new FileQuery(library.Id), default);
        Assert.Equal(["A/1.mp3", "B/2.mp3"], stored.Items.Select(f => f.Path).Order(StringComparer.Ordinal));
        Assert.Equal(LibraryScanState.Idle, await _other.History.StateOfAsync(library.Id, default));
    }

    private sealed class HoldAtStart(TaskCompletionSource reached, Task release) : IProgress<ScanProgress>
    {
        public void Report(ScanProgress value)
        {
            if (value.Phase == ScanPhase.Starting && reached.TrySetResult())
            {
                release.Wait(TimeSpan.FromMinutes(1));
            }
        }
    }
}
