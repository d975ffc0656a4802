using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nomarr.Helpers.Errors;
using Nomarr.Helpers.Options;
using Nomarr.Helpers.Scanning;
using Nomarr.Persistence;
using Nomarr.Services.Events;
using Nomarr.Services.Libraries;

namespace Nomarr.Services.Scanning;

/// <summary>
/// Runs requested scans in the background: one worker per library with work, at most
/// Scanner:MaxConcurrentScans scanning at once. Requests are stored first (pending_scan_targets),
/// so a request that arrives while its library is being scanned is merged into the next scan,
/// and one that arrives just before a crash or a shutdown is scanned after the restart.
/// </summary>
/// <remarks>
/// Each request gets the id of the run that will cover it: the library's one queued run
/// (scan_runs with status queued), which the worker claims when it starts. Storing a request and
/// claiming the queued run both happen under <see cref="_intake"/>, so a request is either in the
/// targets of the run its caller was told about, or in the next one. See docs/decisions/0003.
/// </remarks>
public sealed partial class ScanScheduler : IAsyncDisposable
{
    private static readonly TimeSpan BusyRetryDelay = TimeSpan.FromSeconds(5);

    private readonly IPendingScanRepository _pending;
    private readonly IScanRunRepository _runs;
    private readonly LibraryService _libraries;
    private readonly ScanGate _gate;
    private readonly EventHub _events;
    private readonly TimeProvider _time;
    private readonly ILogger<ScanScheduler> _logger;
    private readonly SemaphoreSlim _slots;
    private readonly SemaphoreSlim _intake = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<long, Task> _workers = [];
    private readonly HashSet<long> _dirty = [];
    private readonly Dictionary<long, RunningScan> _running = [];

    public ScanScheduler(
        IPendingScanRepository pending,
        IScanRunRepository runs,
        LibraryService libraries,
        ScanGate gate,
        EventHub events,
        IOptions<ScannerOptions> options,
        TimeProvider time,
        ILogger<ScanScheduler> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _pending = pending;
        _runs = runs;
        _libraries = libraries;
        _gate = gate;
        _events = events;
        _time = time;
        _logger = logger;
        _slots = new SemaphoreSlim(options.Value.MaxConcurrentScans);
    }

    /// <summary>Raised after each scan the queue ran, successful or not.</summary>
    public event EventHandler<ScanCompletedEventArgs>? ScanCompleted;

    /// <summary>True once the service is shutting down: running scans stop at their next batch and are resumed at the next start.</summary>
    public bool IsStopping => _stopping.IsCancellationRequested;

    /// <summary>Queues targets of one library and wakes its worker.</summary>
    /// <returns>Running when the library was idle, Queued when a scan of it is under way and this one follows.</returns>
    /// <exception cref="LibraryNotFoundException">The library does not exist.</exception>
    public async Task<ScanRequestStatus> EnqueueAsync(IReadOnlyList<ScanTarget> targets, CancellationToken cancellationToken) =>
        (await RequestAsync(targets, cancellationToken)).Status;

    /// <summary>Queues targets of one library and wakes its worker; the ticket names the run that will scan them.</summary>
    /// <exception cref="LibraryNotFoundException">The library does not exist.</exception>
    public async Task<ScanTicket> RequestAsync(IReadOnlyList<ScanTarget> targets, CancellationToken cancellationToken)
    {
        var scope = ScanScope.From(targets);
        var libraryId = scope.LibraryId;
        _ = await _libraries.GetLibraryAsync(libraryId, cancellationToken);
        long scanId;
        IReadOnlyList<string> waiting;
        bool scanning;
        await _intake.WaitAsync(cancellationToken);
        try
        {
            scanning = _gate.IsRunning(libraryId);
            var now = _time.GetUtcNow();
            await _pending.AddAsync(scope.ToTargets().ToList(), now, cancellationToken);
            waiting = ScanScope.Collapse((await _pending.GetAsync(libraryId, cancellationToken))?.Folders ?? scope.Folders);
            scanId = await _runs.QueueAsync(libraryId, waiting, IsFull(waiting), now, cancellationToken);
        }
        finally
        {
            _intake.Release();
        }

        var status = Kick(libraryId) && !scanning ? ScanRequestStatus.Running : ScanRequestStatus.Queued;
        if (status == ScanRequestStatus.Queued)
        {
            _events.Publish(EventTypes.ScanQueued, new ScanQueuedEvent(scanId, libraryId, waiting));
        }

        return new ScanTicket(scanId, status);
    }

    /// <summary>Stops a running scan at its next batch, or drops a queued one.</summary>
    public async Task<CancelOutcome> CancelAsync(long scanId, CancellationToken cancellationToken)
    {
        if (TryCancelRunning(scanId))
        {
            return CancelOutcome.Cancelling;
        }

        if (await _runs.GetAsync(scanId, cancellationToken) is not { } run)
        {
            return CancelOutcome.NotFound;
        }

        if (run.Status == ScanRunStatus.Queued)
        {
            await _intake.WaitAsync(cancellationToken);
            try
            {
                if (await _runs.CancelQueuedAsync(scanId, _time.GetUtcNow(), cancellationToken))
                {
                    // The queued run stands for everything waiting for the library.
                    if (await _pending.GetAsync(run.LibraryId, cancellationToken) is { } waiting)
                    {
                        await _pending.RemoveAsync(run.LibraryId, waiting.Folders, waiting.NewestQueuedAt, cancellationToken);
                    }

                    _events.Publish(EventTypes.ScanFinished, new ScanFinishedEvent(scanId, run.LibraryId, ScanRunStatus.Cancelled, null, "cancelled before it started"));
                    return CancelOutcome.Cancelled;
                }
            }
            finally
            {
                _intake.Release();
            }

            // Claimed in the meantime: it runs here now.
            return TryCancelRunning(scanId) ? CancelOutcome.Cancelling : CancelOutcome.AlreadyFinished;
        }

        return run.Status == ScanRunStatus.Running ? CancelOutcome.RunningElsewhere : CancelOutcome.AlreadyFinished;
    }

    /// <summary>Starts workers for every library with stored requests (after a restart).</summary>
    public async Task ResumePendingAsync(CancellationToken cancellationToken)
    {
        foreach (var libraryId in await _pending.ListLibrariesAsync(cancellationToken))
        {
            LogResuming(libraryId);
            Kick(libraryId);
        }
    }

    /// <summary>True while a worker of the library is scanning or about to.</summary>
    public bool IsBusy(long libraryId)
    {
        lock (_lock)
        {
            return _workers.ContainsKey(libraryId);
        }
    }

    /// <summary>The id of the scan of the library running in this process, if any.</summary>
    public long? RunningScanId(long libraryId)
    {
        lock (_lock)
        {
            foreach (var (scanId, running) in _running)
            {
                if (running.LibraryId == libraryId)
                {
                    return scanId;
                }
            }

            return null;
        }
    }

    /// <summary>Stops the workers at their next batch and waits for them.</summary>
    public async Task StopAsync()
    {
        await _stopping.CancelAsync();
        Task[] running;
        lock (_lock)
        {
            running = [.. _workers.Values];
        }

        try
        {
            await Task.WhenAll(running);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stopping.Dispose();
        _slots.Dispose();
        _intake.Dispose();
    }

    private static bool IsFull(IReadOnlyList<string> folders) => folders is [""];

    private bool TryCancelRunning(long scanId)
    {
        lock (_lock)
        {
            if (!_running.TryGetValue(scanId, out var running))
            {
                return false;
            }

            running.Cancel.Cancel();
            return true;
        }
    }

    /// <returns>True when no worker was running for the library (a new one starts now).</returns>
    private bool Kick(long libraryId)
    {
        lock (_lock)
        {
            _dirty.Add(libraryId);
            if (_workers.ContainsKey(libraryId) || _stopping.IsCancellationRequested)
            {
                return false;
            }

            _workers[libraryId] = Task.Run(() => WorkAsync(libraryId, _stopping.Token));
            return true;
        }
    }

    private async Task WorkAsync(long libraryId, CancellationToken cancellationToken)
    {
        while (true)
        {
            lock (_lock)
            {
                // A request that sets the flag after this point is seen on the next turn of the loop.
                if (!_dirty.Remove(libraryId) || cancellationToken.IsCancellationRequested)
                {
                    _workers.Remove(libraryId);
                    return;
                }
            }

            try
            {
                await ScanPendingAsync(libraryId, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                lock (_lock)
                {
                    _workers.Remove(libraryId);
                }

                return;
            }
#pragma warning disable CA1031 // A worker that died would stay registered, and the library would never be scanned again until a restart.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                // The request stays stored: the next request, or the next start, scans it.
                LogWorkerFailed(ex, libraryId);
            }
        }
    }

    private async Task ScanPendingAsync(long libraryId, CancellationToken stopping)
    {
        if (await _pending.GetAsync(libraryId, stopping) is null)
        {
            return;
        }

        await _slots.WaitAsync(stopping);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var claim = new Claim(this, libraryId, cancel);
        try
        {
            var result = await _libraries.ScanClaimedAsync(
                libraryId, claim.TakeAsync, new ScanProgressPublisher(_events, _time), stopping, cancel.Token);
            if (result is not null && claim.Taken is { } taken)
            {
                await _pending.RemoveAsync(libraryId, taken.Folders, taken.NewestQueuedAt, CancellationToken.None);
                Finished(claim, ScanRunStatus.Completed, result, null);
            }
        }
        catch (ScanAlreadyRunningException)
        {
            // Another process holds the library; try again shortly, keeping the request.
            LogBusy(libraryId);
            MarkDirty(libraryId);
            await Task.Delay(BusyRetryDelay, _time, stopping);
        }
        catch (OperationCanceledException ex) when (stopping.IsCancellationRequested)
        {
            // A shutdown: the request stays stored and is scanned again at the next start.
            Finished(claim, ScanRunStatus.Interrupted, null, ex);
            throw;
        }
        catch (OperationCanceledException ex) when (cancel.IsCancellationRequested)
        {
            // Cancelled on request: what was waiting when the scan started is dropped, newer requests stay.
            if (claim.Taken is { } taken)
            {
                await _pending.RemoveAsync(libraryId, taken.Folders, taken.NewestQueuedAt, CancellationToken.None);
            }

            Finished(claim, ScanRunStatus.Cancelled, null, ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failed scan (root gone, database error) drops its request rather than retrying in a loop;
            // the watcher or the periodic scan asks again when the library is usable.
            LogFailed(ex, libraryId);
            var failed = claim.Taken ?? await _pending.GetAsync(libraryId, CancellationToken.None);
            if (failed is not null)
            {
                await _pending.RemoveAsync(libraryId, failed.Folders, failed.NewestQueuedAt, CancellationToken.None);
            }

            Finished(claim, ScanRunStatus.Failed, null, ex);
        }
        finally
        {
            if (claim.RunId is { } runId)
            {
                lock (_lock)
                {
                    _running.Remove(runId);
                }
            }

            _slots.Release();
        }
    }

    private void Finished(Claim claim, ScanRunStatus status, ScanResult? result, Exception? error)
    {
        if (claim.RunId is { } runId)
        {
            _events.Publish(EventTypes.ScanFinished, new ScanFinishedEvent(runId, claim.LibraryId, status, result, error?.Message));
        }

        if (status != ScanRunStatus.Interrupted)
        {
            ScanCompleted?.Invoke(this, new ScanCompletedEventArgs(claim.LibraryId, result, error));
        }
    }

    private void MarkDirty(long libraryId)
    {
        lock (_lock)
        {
            _dirty.Add(libraryId);
        }
    }

    /// <summary>
    /// Decides what one scan covers once the library's gate is held: everything stored for the
    /// library, under its queued run (or a new run when nothing was queued through the API).
    /// </summary>
    private sealed class Claim(ScanScheduler scheduler, long libraryId, CancellationTokenSource cancel)
    {
        public long LibraryId => libraryId;

        public PendingTargets? Taken { get; private set; }

        public long? RunId { get; private set; }

        public async Task<ClaimedScan?> TakeAsync(CancellationToken cancellationToken)
        {
            await scheduler._intake.WaitAsync(cancellationToken);
            try
            {
                if (await scheduler._pending.GetAsync(libraryId, cancellationToken) is not { } pending)
                {
                    return null;
                }

                var scope = ScanScope.From(pending.ToTargets());
                var now = scheduler._time.GetUtcNow();
                var runId = await scheduler._runs.ClaimQueuedAsync(libraryId, scope.Folders, scope.IsFull, now, cancellationToken)
                            ?? await scheduler._runs.StartAsync(libraryId, scope.Folders, scope.IsFull, now, cancellationToken);
                Taken = pending;
                RunId = runId;
                lock (scheduler._lock)
                {
                    scheduler._running[runId] = new RunningScan(libraryId, cancel);
                }

                scheduler._events.Publish(EventTypes.ScanStarted, new ScanStartedEvent(runId, libraryId, scope.Folders, scope.IsFull, now));
                return new ClaimedScan(runId, scope.ToTargets().ToList());
            }
            finally
            {
                scheduler._intake.Release();
            }
        }
    }

    private sealed record RunningScan(long LibraryId, CancellationTokenSource Cancel);

    [LoggerMessage(Level = LogLevel.Information, Message = "Library {LibraryId} is being scanned by another process; its queued scan waits")]
    private partial void LogBusy(long libraryId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Library {LibraryId} has scans waiting from before the last stop; scanning them now")]
    private partial void LogResuming(long libraryId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The scan queue of library {LibraryId} failed; its stored requests wait for the next request or start")]
    private partial void LogWorkerFailed(Exception exception, long libraryId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Queued scan of library {LibraryId} failed")]
    private partial void LogFailed(Exception exception, long libraryId);
}
