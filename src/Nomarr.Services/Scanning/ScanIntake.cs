using Nomarr.Helpers.Errors;
using Nomarr.Helpers.Scanning;
using Nomarr.Persistence;
using Nomarr.Services.Events;
using Nomarr.Services.Libraries;
using Nomarr.Services.Nodes;

namespace Nomarr.Services.Scanning;

/// <summary>
/// Where scan requests come in (the API, the watcher, the periodic scan, the resume at start-up):
/// stored first through the ledger, so a request that arrives while its library is being scanned is
/// merged into the next scan, and one that arrives just before a crash is scanned after the restart;
/// then the library's worker is woken. Cancels come in here too.
/// </summary>
/// <remarks>
/// Each request gets the id of the run that will cover it: the library's one queued run, which the
/// worker claims when it starts. Storing a request and claiming the queued run are each one
/// transaction of the scan ledger, so a request is either in the targets of the run its caller was
/// told about, or in the next one (docs/decisions/0009-scan-ledger.md).
/// </remarks>
public sealed class ScanIntake(
    LibraryCatalog catalog,
    IScanLedger ledger,
    ScanHistory history,
    ScanWorkers workers,
    RunningScans running,
    ScanOutcomePublisher outcomes,
    EventHub events,
    NodeService nodes,
    TimeProvider time)
{
    /// <summary>Queues targets of one library and wakes its worker.</summary>
    /// <returns>
    /// Running when the library was idle and this node scans it; Queued when a scan of it is under way and this one
    /// follows, or when it is pinned to another node, which scans it.
    /// </returns>
    /// <exception cref="LibraryNotFoundException">The library does not exist.</exception>
    public async Task<ScanRequestStatus> EnqueueAsync(IReadOnlyList<ScanTarget> targets, CancellationToken cancellationToken) =>
        (await RequestAsync(targets, cancellationToken)).Status;

    /// <summary>Queues targets of one library and wakes its worker; the ticket names the run that will scan them.</summary>
    /// <exception cref="LibraryNotFoundException">The library does not exist.</exception>
    public async Task<ScanTicket> RequestAsync(IReadOnlyList<ScanTarget> targets, CancellationToken cancellationToken)
    {
        var scope = ScanScope.From(targets);
        var libraryId = scope.LibraryId;
        var library = await catalog.GetAsync(libraryId, cancellationToken);
        var scanning = (await ledger.GetFactsAsync(libraryId, cancellationToken)).SingleOrDefault()?.RunningRunId is not null;
        var receipt = await ledger.RequestAsync(libraryId, scope.Folders, time.GetUtcNow(), cancellationToken);

        var woken = workers.Wake(libraryId);
        var status = woken && !scanning && !nodes.IsPinnedElsewhere(library) ? ScanRequestStatus.Running : ScanRequestStatus.Queued;
        if (status == ScanRequestStatus.Queued)
        {
            events.Publish(EventTypes.ScanQueued, new ScanQueuedEvent(receipt.RunId, libraryId, receipt.Folders));
        }

        return new ScanTicket(receipt.RunId, status);
    }

    /// <summary>Stops a running scan at its next batch, or drops a queued one.</summary>
    public async Task<CancelOutcome> CancelAsync(long scanId, CancellationToken cancellationToken)
    {
        if (running.TryCancel(scanId))
        {
            return CancelOutcome.Cancelling;
        }

        // As the scan list shows it: a run whose process on this machine is gone has ended, it runs nowhere.
        if (await history.GetAsync(scanId, cancellationToken) is not { } run)
        {
            return CancelOutcome.NotFound;
        }

        if (run.Status == ScanRunStatus.Queued)
        {
            if (await ledger.CancelQueuedAsync(scanId, time.GetUtcNow(), cancellationToken))
            {
                outcomes.CancelledBeforeStart(scanId, run.LibraryId);
                return CancelOutcome.Cancelled;
            }

            // Claimed in the meantime: it runs here now, or elsewhere.
            return running.TryCancel(scanId) ? CancelOutcome.Cancelling : CancelOutcome.AlreadyFinished;
        }

        return run.Status == ScanRunStatus.Running ? CancelOutcome.RunningElsewhere : CancelOutcome.AlreadyFinished;
    }
}
