using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nomarr.Helpers.Errors;
using Nomarr.Helpers.Options;
using Nomarr.Helpers.Scanning;
using Nomarr.Persistence;
using Nomarr.Services.Events;
using Nomarr.Services.Libraries;
using Nomarr.Workflows.Scanning;

namespace Nomarr.Services.Scanning;

/// <summary>
/// Runs requested scans in the background: one worker per library with work, at most
/// Scanner:MaxConcurrentScans scanning at once. Requests are stored first (pending_scan_targets),
/// so a request that arrives while its library is being scanned is merged into the next scan,
/// and one that arrives just before a crash or a shutdown is scanned after the restart.
/// </summary>
/// <remarks>
/// Each request gets the id of the run that will cover it: the library's one queued run, which the
/// worker claims when it starts. Storing a request and claiming the queued run are each one
/// transaction of the scan ledger, so a request is either in the targets of the run its caller was
/// told about, or in the next one (docs/decisions/0009-scan-ledger.md).
/// </remarks>
public sealed partial class ScanScheduler : IAsyncDisposable
{
    private static readonly TimeSpan BusyRetryDelay = TimeSpan.FromSeconds(5);

    private readonly IPendingScanRepository _pending;
    private readonly IScanLedger _ledger;
    private readonly LibraryService _libraries;
    private readonly ScanClaims _claims;
    private readonly ScanLibraryWorkflow _workflow;
    private readonly RunningScans _runningHere;
    private readonly EventHub _events;
    private readonly TimeProvider _time;
    private readonly ILogger<ScanScheduler> _logger;
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<long, Task> _workers = [];
    private readonly HashSet<long> _dirty = [];
    private readonly Dictionary<long, RunningScan> _running = [];

    public ScanScheduler(
        IPendingScanRepository pending,
        IScanLedger ledger,
        LibraryService libraries,
        ScanClaims claims,
        ScanLibraryWorkflow workflow,
        RunningScans runningHere,
        EventHub events,
        IOptions<ScannerOptions> options,
        TimeProvider time,
        ILogger<ScanScheduler> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _pending = pending;
        _ledger = ledger;
        _libraries = libraries;
        _claims = claims;
        _workflow = workflow;
        _runningHere = runningHere;
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
        var scanning = (await _ledger.GetFactsAsync(libraryId, cancellationToken)).SingleOrDefault()?.RunningRunId is not null;
        var receipt = await _ledger.RequestAsync(libraryId, scope.Folders, _time.GetUtcNow(), cancellationToken);
        var (scanId, waiting) = (receipt.RunId, receipt.Folders);

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

        if (await _ledger.GetAsync(scanId, cancellationToken) is not { } run)
        {
            return CancelOutcome.NotFound;
        }

        if (run.Status == ScanRunStatus.Queued)
        {
            if (await _ledger.CancelQueuedAsync(scanId, _time.GetUtcNow(), cancellationToken))
            {
                _events.Publish(EventTypes.ScanFinished, new ScanFinishedEvent(scanId, run.LibraryId, ScanRunStatus.Cancelled, null, "cancelled before it started"));
                return CancelOutcome.Cancelled;
            }

            // Claimed in the meantime: it runs here now, or elsewhere.
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
    }

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
        ScanClaim? claim = null;
        (ScanRunStatus Status, ScanResult? Result, Exception? Error)? outcome = null;
        try
        {
            var options = _libraries.ScanOptionsFor(allowMassMissing: false) with { Shutdown = stopping };
            claim = await _claims.ClaimQueuedAsync(libraryId, options.LeaseFor, stopping);
            if (claim is null)
            {
                return;
            }

            lock (_lock)
            {
                _running[claim.RunId] = new RunningScan(libraryId, cancel);
            }

            using var here = _runningHere.Enter(libraryId);
            _events.Publish(EventTypes.ScanStarted, new ScanStartedEvent(claim.RunId, libraryId, claim.Folders, claim.FullScan, _time.GetUtcNow()));
            var result = await _workflow.RunClaimedAsync(claim, options, new ScanProgressPublisher(_events, _time), cancel.Token);
            outcome = (ScanRunStatus.Completed, result, null);
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
            outcome = (ScanRunStatus.Interrupted, null, ex);
            throw;
        }
        catch (OperationCanceledException ex) when (cancel.IsCancellationRequested)
        {
            // Cancelled on request: what was waiting when the scan started is dropped, newer requests stay.
            outcome = (ScanRunStatus.Cancelled, null, ex);
        }
        catch (LeaseLostException ex)
        {
            // Another process took the library over: its scan stands, and what waited here waits for the next run.
            LogFailed(ex, libraryId);
            outcome = (ScanRunStatus.Interrupted, null, ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failed scan (root gone, database error) drops its request rather than retrying in a loop;
            // the watcher or the periodic scan asks again when the library is usable.
            LogFailed(ex, libraryId);
            outcome = claim is null ? null : (ScanRunStatus.Failed, null, ex);
        }
        finally
        {
            if (claim is not null)
            {
                lock (_lock)
                {
                    _running.Remove(claim.RunId);
                }
            }

            _slots.Release();

            // Published last, outside the scan's error handling: what a subscriber does cannot change the outcome.
            if (claim is not null && outcome is { } ended)
            {
                Finished(claim, ended.Status, ended.Result, ended.Error);
            }
        }
    }

    private void Finished(ScanClaim claim, ScanRunStatus status, ScanResult? result, Exception? error)
    {
        _events.Publish(EventTypes.ScanFinished, new ScanFinishedEvent(claim.RunId, claim.LibraryId, status, result, error?.Message));
        if (status == ScanRunStatus.Interrupted && error is not LeaseLostException || ScanCompleted is not { } handlers)
        {
            return;
        }

        var args = new ScanCompletedEventArgs(claim.LibraryId, result, error);
        foreach (var handler in handlers.GetInvocationList().Cast<EventHandler<ScanCompletedEventArgs>>())
        {
            try
            {
                handler(this, args);
            }
#pragma warning disable CA1031 // A subscriber that throws is its own problem: it must change nothing for the scan or the other subscribers.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogSubscriberFailed(ex, claim.RunId);
            }
        }
    }

    private void MarkDirty(long libraryId)
    {
        lock (_lock)
        {
            _dirty.Add(libraryId);
        }
    }

    private sealed record RunningScan(long LibraryId, CancellationTokenSource Cancel);

    [LoggerMessage(Level = LogLevel.Information, Message = "Library {LibraryId} is being scanned by another process; its queued scan waits")]
    private partial void LogBusy(long libraryId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Library {LibraryId} has scans waiting from before the last stop; scanning them now")]
    private partial void LogResuming(long libraryId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The scan queue of library {LibraryId} failed; its stored requests wait for the next request or start")]
    private partial void LogWorkerFailed(Exception exception, long libraryId);

    [LoggerMessage(Level = LogLevel.Error, Message = "A subscriber to the end of scan {ScanId} failed; the scan's outcome stands")]
    private partial void LogSubscriberFailed(Exception exception, long scanId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Queued scan of library {LibraryId} failed")]
    private partial void LogFailed(Exception exception, long libraryId);
}
