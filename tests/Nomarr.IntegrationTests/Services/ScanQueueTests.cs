using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Scanning;
using Nomarr.IntegrationTests.Infrastructure;
using Nomarr.Persistence;
using Nomarr.Services.Events;
using Nomarr.Services.Nodes;
using Nomarr.Services.Scanning;

namespace Nomarr.IntegrationTests.Services;

/// <summary>The scan queue as `nomarr serve` runs it: <see cref="ScanIntake"/> stores requests, <see cref="ScanWorkers"/> scan them.</summary>
public sealed class ScanQueueTests : IDisposable
{
    private readonly TempLibrary _disk = new();
    private readonly RecordingTime _time = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
    private readonly NomarrTestHost _host;

    public ScanQueueTests() => _host = new NomarrTestHost(time: _time, recordLogs: true);

    public void Dispose()
    {
        _host.Dispose();
        _disk.Dispose();
    }

    private ScanIntake Intake => _host.Services.GetRequiredService<ScanIntake>();

    private ScanOutcomePublisher Outcomes => _host.Services.GetRequiredService<ScanOutcomePublisher>();

    [Fact]
    public async Task ARequestForAnIdleLibraryRunsAtOnceAndLeavesNothingQueued()
    {
        _disk.AddTrack("A/1.mp3");
        var library = await _host.Libraries.AddAsync(_disk.Root, null, false, default);
        var completed = NextCompletion();

        var status = await Intake.EnqueueAsync([new ScanTarget(library.Id, "A")], default);
        var done = await completed.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ScanRequestStatus.Running, status);
        Assert.Equal(1, done.Result?.FilesAdded);
        Assert.Null(await _host.Services.GetRequiredService<IPendingScanRepository>().GetAsync(library.Id, default));
    }

    [Fact]
    public async Task RequestsArrivingDuringAScanAreQueuedMergedAndScannedAfterIt()
    {
        _disk.AddTrack("A/1.mp3");
        _disk.AddTrack("B/2.mp3");
        _disk.AddTrack("B/Sub/3.mp3");
        _disk.AddTrack("C/4.mp3");
        var library = await _host.Libraries.AddAsync(_disk.Root, null, false, default);
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var manual = Task.Run(() => _host.Scans.ScanAsync([new ScanTarget(library.Id, "C")], allowMassMissing: false, new HoldAtStart(reached, release.Task), default));
        await reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var completed = NextCompletion();

        var first = await Intake.EnqueueAsync([new ScanTarget(library.Id, "A")], default);
        var second = await Intake.EnqueueAsync([new ScanTarget(library.Id, "B/Sub"), new ScanTarget(library.Id, "B")], default);
        release.SetResult();
        await manual;
        var done = await AdvanceUntilAsync(completed);

        Assert.Equal(ScanRequestStatus.Queued, first);
        Assert.Equal(ScanRequestStatus.Queued, second);
        Assert.Equal(["A", "B"], done.Result?.Targets);
        Assert.Equal(3, done.Result?.FilesAdded);
        var stored = await _host.Files.QueryAsync(new FileQuery(library.Id), default);
        Assert.Equal(4, stored.Total);
    }

    [Fact]
    public async Task ALibraryHeldByAnotherProcessIsClaimedAgainOnceTheBusyDelayHasPassedOnTheClock()
    {
        _disk.AddTrack("A/1.mp3");
        var library = await _host.Libraries.AddAsync(_disk.Root, null, false, default);
        var elsewhere = (await _host.Ledger.TryStartAsync(
            library.Id, [""], LeaseOwners.For("other", "other-machine", 1, "x"), TimeSpan.FromMinutes(5), null, _time.GetUtcNow(), default)).Claim!;
        var completed = NextCompletion();

        var ticket = await Intake.RequestAsync([new ScanTarget(library.Id, "A")], default);
        await _time.WhenDelaySetAsync(ScanRetryPolicy.BusyRetryDelay, 1).WaitAsync(WatchedHost.Patience);
        await _host.Ledger.CompleteAsync(elsewhere, new ScanResult { ScanId = elsewhere.RunId, LibraryId = library.Id }, null, _time.GetUtcNow(), default);
        _time.Advance(ScanRetryPolicy.BusyRetryDelay);
        var done = await completed.WaitAsync(WatchedHost.Patience);

        Assert.Equal(ScanRequestStatus.Queued, ticket.Status);
        Assert.Equal((ticket.ScanId, 1), (done.Result?.ScanId, done.Result?.FilesAdded));
    }

    [Fact]
    public async Task ALibraryHeldByAnotherProcessIsLoggedOnceWhateverTheRetries()
    {
        _disk.AddTrack("A/1.mp3");
        var library = await _host.Libraries.AddAsync(_disk.Root, null, false, default);
        var elsewhere = (await _host.Ledger.TryStartAsync(
            library.Id, [""], LeaseOwners.For("other", "other-machine", 1, "x"), TimeSpan.FromMinutes(5), null, _time.GetUtcNow(), default)).Claim!;
        var nodes = _host.Services.GetRequiredService<NodeService>();

        // Pinned here, the library is claimed without a look at its root, whose timeout would be another 5 s delay on the clock.
        await nodes.PinAsync(library.Id, nodes.Name, default);
        var completed = NextCompletion();

        await Intake.RequestAsync([new ScanTarget(library.Id, "A")], default);
        for (var retries = 1; retries <= 4; retries++)
        {
            await _time.WhenDelaySetAsync(ScanRetryPolicy.BusyRetryDelay, retries).WaitAsync(WatchedHost.Patience);
            _time.Advance(ScanRetryPolicy.BusyRetryDelay);
        }

        await _time.WhenDelaySetAsync(ScanRetryPolicy.BusyRetryDelay, 5).WaitAsync(WatchedHost.Patience);
        await _host.Ledger.CompleteAsync(elsewhere, new ScanResult { ScanId = elsewhere.RunId, LibraryId = library.Id }, null, _time.GetUtcNow(), default);
        _time.Advance(ScanRetryPolicy.BusyRetryDelay);
        await completed.WaitAsync(WatchedHost.Patience);

        var logged = _host.Logs.GetSnapshot().Where(r => r.Category == typeof(ScanWorkers).FullName).ToList();
        Assert.Single(logged, r => r.Level == LogLevel.Information && r.Message.Contains("another process", StringComparison.Ordinal));
        Assert.Single(logged, r => r.Level == LogLevel.Debug && r.Message.Contains("no longer held", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RequestsStoredBeforeARestartAreScannedAfterIt()
    {
        _disk.AddTrack("A/1.mp3");
        var library = await _host.Libraries.AddAsync(_disk.Root, null, false, default);
        await _host.Ledger.RequestAsync(library.Id, ["A"], _time.GetUtcNow(), default);
        using var restarted = new NomarrTestHost(time: _time, databasePath: _host.DatabasePath);
        var completed = new TaskCompletionSource<ScanCompletedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        restarted.Services.GetRequiredService<ScanOutcomePublisher>().ScanCompleted += (_, e) => completed.TrySetResult(e);

        await restarted.Services.GetRequiredService<ScanWorkers>().ResumePendingAsync(default);
        var done = await completed.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["A"], done.Result?.Targets);
        Assert.Equal(1, done.Result?.FilesAdded);
    }

    [Fact]
    public async Task ASubscriberThatThrowsChangesNoOutcome()
    {
        _disk.AddTrack("A/1.mp3");
        _disk.AddTrack("B/2.mp3");
        var library = await _host.Libraries.AddAsync(_disk.Root, null, false, default);
        using var events = _host.Services.GetRequiredService<EventHub>().Subscribe();
        var first = new TaskCompletionSource<ScanCompletedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        var second = new TaskCompletionSource<ScanCompletedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        Outcomes.ScanCompleted += (_, e) =>
        {
            if (e.Result?.Targets is ["B"])
            {
                second.TrySetResult(e);
                return;
            }

            first.TrySetResult(e);
            throw new InvalidOperationException("a subscriber failed");
        };

        var ticket = await Intake.RequestAsync([new ScanTarget(library.Id, "A")], default);
        var done = await first.Task.WaitAsync(WatchedHost.Patience);
        await Intake.EnqueueAsync([new ScanTarget(library.Id, "B")], default);
        await second.Task.WaitAsync(WatchedHost.Patience);

        Assert.Null(done.Error);
        var run = await _host.History.GetAsync(ticket.ScanId, default);
        Assert.Equal((ScanRunStatus.Completed, 1), (run?.Status, run?.Result?.FilesAdded));
        var finished = new List<ScanFinishedEvent>();
        while (events.Reader.TryRead(out var e))
        {
            if (e.Data is ScanFinishedEvent f && f.ScanId == ticket.ScanId)
            {
                finished.Add(f);
            }
        }

        Assert.Equal([ScanRunStatus.Completed], finished.Select(f => f.Status));
        Assert.Null(await _host.Services.GetRequiredService<IPendingScanRepository>().GetAsync(library.Id, default));
        Assert.Equal(2, (await _host.Files.QueryAsync(new FileQuery(library.Id), default)).Total);
    }

    private Task<ScanCompletedEventArgs> NextCompletion()
    {
        var completed = new TaskCompletionSource<ScanCompletedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        Outcomes.ScanCompleted += (_, e) => completed.TrySetResult(e);
        return completed.Task;
    }

    /// <summary>
    /// A worker that found its library held waits <see cref="ScanRetryPolicy.BusyRetryDelay"/> on the injected
    /// clock: each time it sets that delay, the clock moves past it, until the scan completes.
    /// </summary>
    private async Task<ScanCompletedEventArgs> AdvanceUntilAsync(Task<ScanCompletedEventArgs> completion)
    {
        for (var retries = 1; ; retries++)
        {
            var retry = _time.WhenDelaySetAsync(ScanRetryPolicy.BusyRetryDelay, retries);
            if (await Task.WhenAny(completion, retry).WaitAsync(WatchedHost.Patience) == completion)
            {
                return await completion;
            }

            _time.Advance(ScanRetryPolicy.BusyRetryDelay);
        }
    }

    private sealed class HoldAtStart(TaskCompletionSource reached, Task release) : IProgress<ScanProgress>
    {
        public void Report(ScanProgress value)
        {
            if (value.Phase == ScanPhase.Starting && reached.TrySetResult())
            {
                release.Wait(TimeSpan.FromSeconds(30));
            }
        }
    }
}
