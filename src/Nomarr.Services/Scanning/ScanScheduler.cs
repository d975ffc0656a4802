using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nomarr.Helpers.Errors;
using Nomarr.Helpers.Options;
using Nomarr.Helpers.Scanning;
using Nomarr.Persistence;
using Nomarr.Services.Libraries;

namespace Nomarr.Services.Scanning;

/// <summary>
/// Runs requested scans in the background: one worker per library with work, at most
/// Scanner:MaxConcurrentScans scanning at once. Requests are stored first (pending_scan_targets),
/// so a request that arrives while its library is being scanned is merged into the next scan,
/// and one that arrives just before a crash is scanned after the restart.
/// </summary>
public sealed partial class ScanScheduler : IAsyncDisposable
{
    private static readonly TimeSpan BusyRetryDelay = TimeSpan.FromSeconds(5);

    private readonly IPendingScanRepository _pending;
    private readonly LibraryService _libraries;
    private readonly ScanGate _gate;
    private readonly TimeProvider _time;
    private readonly ILogger<ScanScheduler> _logger;
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<long, Task> _workers = [];
    private readonly HashSet<long> _dirty = [];

    public ScanScheduler(
        IPendingScanRepository pending, LibraryService libraries, ScanGate gate, IOptions<ScannerOptions> options, TimeProvider time, ILogger<ScanScheduler> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _pending = pending;
        _libraries = libraries;
        _gate = gate;
        _time = time;
        _logger = logger;
        _slots = new SemaphoreSlim(options.Value.MaxConcurrentScans);
    }

    /// <summary>Raised after each scan the queue ran, successful or not.</summary>
    public event EventHandler<ScanCompletedEventArgs>? ScanCompleted;

    /// <summary>Queues targets of one library and wakes its worker.</summary>
    /// <returns>Running when the library was idle, Queued when a scan of it is under way and this one follows.</returns>
    /// <exception cref="LibraryNotFoundException">The library does not exist.</exception>
    public async Task<ScanRequestStatus> EnqueueAsync(IReadOnlyList<ScanTarget> targets, CancellationToken cancellationToken)
    {
        var scope = ScanScope.From(targets);
        _ = await _libraries.GetLibraryAsync(scope.LibraryId, cancellationToken);
        var scanning = _gate.IsRunning(scope.LibraryId);
        await _pending.AddAsync(scope.ToTargets().ToList(), _time.GetUtcNow(), cancellationToken);
        return Kick(scope.LibraryId) && !scanning ? ScanRequestStatus.Running : ScanRequestStatus.Queued;
    }

    /// <summary>Starts workers for every library with stored requests (after a restart).</summary>
    public async Task ResumePendingAsync(CancellationToken cancellationToken)
    {
        foreach (var libraryId in await _pending.ListLibrariesAsync(cancellationToken))
        {
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
        }
    }

    private async Task ScanPendingAsync(long libraryId, CancellationToken cancellationToken)
    {
        if (await _pending.GetAsync(libraryId, cancellationToken) is not { } pending)
        {
            return;
        }

        await _slots.WaitAsync(cancellationToken);
        try
        {
            var result = await _libraries.ScanTargetsAsync(pending.ToTargets(), null, cancellationToken);
            await _pending.RemoveAsync(libraryId, pending.Folders, pending.NewestQueuedAt, CancellationToken.None);
            ScanCompleted?.Invoke(this, new ScanCompletedEventArgs(libraryId, result, null));
        }
        catch (ScanAlreadyRunningException)
        {
            // Another process holds the library; try again shortly, keeping the request.
            LogBusy(libraryId);
            MarkDirty(libraryId);
            await Task.Delay(BusyRetryDelay, _time, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failed scan (root gone, database error) drops its request rather than retrying in a loop;
            // the watcher or the periodic scan asks again when the library is usable.
            LogFailed(ex, libraryId);
            await _pending.RemoveAsync(libraryId, pending.Folders, pending.NewestQueuedAt, CancellationToken.None);
            ScanCompleted?.Invoke(this, new ScanCompletedEventArgs(libraryId, null, ex));
        }
        finally
        {
            _slots.Release();
        }
    }

    private void MarkDirty(long libraryId)
    {
        lock (_lock)
        {
            _dirty.Add(libraryId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Library {LibraryId} is being scanned by another process; its queued scan waits")]
    private partial void LogBusy(long libraryId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Queued scan of library {LibraryId} failed")]
    private partial void LogFailed(Exception exception, long libraryId);
}
