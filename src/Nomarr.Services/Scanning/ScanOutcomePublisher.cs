using Microsoft.Extensions.Logging;
using Nomarr.Helpers.Scanning;
using Nomarr.Persistence;
using Nomarr.Services.Events;

namespace Nomarr.Services.Scanning;

/// <summary>
/// Tells the world how a queued scan went: scan_started and scan_finished on the <see cref="EventHub"/>,
/// and <see cref="ScanCompleted"/> to its subscribers. The outcome is recorded on the ledger before it
/// gets here, so a subscriber that throws is logged and changes nothing: not the run, not the events,
/// not the other subscribers.
/// </summary>
public sealed partial class ScanOutcomePublisher(EventHub events, TimeProvider time, ILogger<ScanOutcomePublisher> logger)
{
    /// <summary>Raised after each scan the queue ran, successful or not (not after a shutdown: it resumes at the next start).</summary>
    public event EventHandler<ScanCompletedEventArgs>? ScanCompleted;

    public void Started(ScanClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        events.Publish(EventTypes.ScanStarted, new ScanStartedEvent(claim.RunId, claim.LibraryId, claim.Folders, claim.FullScan, time.GetUtcNow()));
    }

    /// <summary>A queued run was cancelled before any worker claimed it.</summary>
    public void CancelledBeforeStart(long scanId, long libraryId) =>
        events.Publish(EventTypes.ScanFinished, new ScanFinishedEvent(scanId, libraryId, ScanRunStatus.Cancelled, null, "cancelled before it started"));

    /// <summary>A claimed run ended as <paramref name="status"/>, with its result or the error that stopped it.</summary>
    public void Finished(ScanClaim claim, ScanRunStatus status, ScanResult? result, Exception? error)
    {
        ArgumentNullException.ThrowIfNull(claim);
        events.Publish(EventTypes.ScanFinished, new ScanFinishedEvent(claim.RunId, claim.LibraryId, status, result, error?.Message));

        // A shutdown is no end for subscribers: the scan resumes at the next start. A lost lease is.
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

    [LoggerMessage(Level = LogLevel.Error, Message = "A subscriber to the end of scan {ScanId} failed; the scan's outcome stands")]
    private partial void LogSubscriberFailed(Exception exception, long scanId);
}
