using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nomarr.Helpers.Options;
using Nomarr.Helpers.Scanning;
using Nomarr.Persistence;
using Nomarr.Services.Events;

namespace Nomarr.Services.Scanning;

/// <summary>
/// One worker per library with stored requests, at most Scanner:MaxConcurrentScans scanning at once.
/// A worker claims the library's queued run with everything waiting, runs it, and goes round again
/// while requests keep coming; how a scan ended is the <see cref="ScanRetryPolicy"/>'s to say.
/// </summary>
public sealed partial class ScanWorkers : IAsyncDisposable
{
    private readonly ScanRunner _runner;
    private readonly IPendingScanRepository _pending;
    private readonly ScanOutcomePublisher _outcomes;
    private readonly EventHub _events;
    private readonly TimeProvider _time;
    private readonly ILogger<ScanWorkers> _logger;
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<long, Task> _workers = [];
    private readonly HashSet<long> _dirty = [];

    public ScanWorkers(
        ScanRunner runner,
        IPendingScanRepository pending,
        ScanOutcomePublisher outcomes,
        EventHub events,
        IOptions<ScannerOptions> options,
        TimeProvider time,
        ILogger<ScanWorkers> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _runner = runner;
        _pending = pending;
        _outcomes = outcomes;
        _events = events;
        _time = time;
        _logger = logger;
        _slots = new SemaphoreSlim(options.Value.MaxConcurrentScans);
    }

    /// <summary>True once the workers are stopping: running scans stop at their next batch and are resumed at the next start.</summary>
    public bool IsStopping => _stopping.IsCancellationRequested;

    /// <summary>True while a worker of the library is scanning or about to.</summary>
    public bool IsBusy(long libraryId)
    {
        lock (_lock)
        {
            return _workers.ContainsKey(libraryId);
        }
    }

    /// <summary>Makes the library's worker look at its stored requests (again).</summary>
    /// <returns>True when no worker was running for the library (a new one starts now).</returns>
    public bool Wake(long libraryId)
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

    /// <summary>Starts workers for every library with stored requests (after a restart).</summary>
    public async Task ResumePendingAsync(CancellationToken cancellationToken)
    {
        foreach (var libraryId in await _pending.ListLibrariesAsync(cancellationToken))
        {
            LogResuming(libraryId);
            Wake(libraryId);
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

    private async Task WorkAsync(long libraryId, CancellationToken stopping)
    {
        // Whether the last turn found the library held elsewhere: the wait is logged when it starts and when it ends, not on every retry.
        var heldElsewhere = false;
        while (true)
        {
            lock (_lock)
            {
                // A request that sets the flag after this point is seen on the next turn of the loop.
                if (!_dirty.Remove(libraryId) || stopping.IsCancellationRequested)
                {
                    _workers.Remove(libraryId);
                    return;
                }
            }

            try
            {
                var retryAfter = await ScanPendingAsync(libraryId, stopping);
                heldElsewhere = NoteHeldElsewhere(libraryId, heldElsewhere, retryAfter is not null);
                if (retryAfter is not null)
                {
                    lock (_lock)
                    {
                        _dirty.Add(libraryId);
                    }

                    await Task.Delay(retryAfter.Value, _time, stopping);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
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

    /// <returns>How long to wait before trying the library again, or null when this turn is done.</returns>
    private async Task<TimeSpan?> ScanPendingAsync(long libraryId, CancellationToken stopping)
    {
        if (await _pending.GetAsync(libraryId, stopping) is null)
        {
            return null;
        }

        await _slots.WaitAsync(stopping);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        ScanClaim? claim = null;
        ScanEnding ending;
        ScanResult? result = null;
        try
        {
            claim = await _runner.ClaimQueuedAsync(libraryId, stopping);
            if (claim is null)
            {
                return null;
            }

            _outcomes.Started(claim);
            result = await _runner.RunClaimedAsync(claim, cancel, stopping, new ScanProgressPublisher(_events, _time));
            ending = ScanRetryPolicy.Completed;
        }
        catch (Exception ex) when (ScanRetryPolicy.Of(ex, stopping.IsCancellationRequested, cancel.IsCancellationRequested, claimed: claim is not null) is { } known)
        {
            ending = known;
            if (ending.Log)
            {
                LogFailed(ex, libraryId);
            }
        }
        finally
        {
            _slots.Release();
        }

        // Published last, outside the scan's error handling: what a subscriber does cannot change the outcome.
        if (claim is not null && ending.Status is { } status)
        {
            _outcomes.Finished(claim, status, result, ending.Error);
        }

        if (ending.Error is OperationCanceledException)
        {
            stopping.ThrowIfCancellationRequested();
        }

        return ending.RetryAfter;
    }

    private bool NoteHeldElsewhere(long libraryId, bool was, bool now)
    {
        if (now && !was)
        {
            LogBusy(libraryId);
        }
        else if (was && !now)
        {
            LogFree(libraryId);
        }

        return now;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Library {LibraryId} is being scanned by another process; its queued scan waits")]
    private partial void LogBusy(long libraryId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Library {LibraryId} is no longer held by another process")]
    private partial void LogFree(long libraryId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Library {LibraryId} has scans waiting from before the last stop; scanning them now")]
    private partial void LogResuming(long libraryId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The scan queue of library {LibraryId} failed; its stored requests wait for the next request or start")]
    private partial void LogWorkerFailed(Exception exception, long libraryId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Queued scan of library {LibraryId} failed")]
    private partial void LogFailed(Exception exception, long libraryId);
}
