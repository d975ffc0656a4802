using Nomarr.Helpers.Errors;
using Nomarr.Helpers.Scanning;
using Nomarr.Persistence;

namespace Nomarr.Services.Scanning;

/// <summary>What a worker makes of the way a queued scan ended: which status it reports, and whether it tries again.</summary>
internal static class ScanRetryPolicy
{
    /// <summary>How long a library held by another process waits before its worker claims again.</summary>
    public static readonly TimeSpan BusyRetryDelay = TimeSpan.FromSeconds(5);

    public static ScanEnding Completed { get; } = new(ScanRunStatus.Completed, null, Log: false, RetryAfter: null);

    /// <summary>The ending for <paramref name="error"/>, or null for an error a worker does not expect (it propagates).</summary>
    /// <param name="error">What stopped the scan.</param>
    /// <param name="stopping">The workers are shutting down.</param>
    /// <param name="cancelled">The scan's own cancel was requested.</param>
    /// <param name="claimed">A run had been claimed when the error came.</param>
    public static ScanEnding? Of(Exception error, bool stopping, bool cancelled, bool claimed) => error switch
    {
        // Another process holds the library: the request stays stored, and the worker claims again shortly.
        ScanAlreadyRunningException => new ScanEnding(null, error, Log: false, BusyRetryDelay),

        // A shutdown: the request stays stored and is scanned again at the next start.
        OperationCanceledException when stopping => new ScanEnding(claimed ? ScanRunStatus.Interrupted : null, error, Log: false, null),

        // Cancelled on request: what was waiting when the scan started is dropped, newer requests stay.
        OperationCanceledException when cancelled => new ScanEnding(claimed ? ScanRunStatus.Cancelled : null, error, Log: false, null),
        OperationCanceledException => null,

        // Another process took the library over: its scan stands, and what waited here waits for the next run.
        LeaseLostException => new ScanEnding(ScanRunStatus.Interrupted, error, Log: true, null),

        // A failed scan (root gone, database error) drops its request rather than retrying in a loop;
        // the watcher or the periodic scan asks again when the library is usable.
        _ => new ScanEnding(claimed ? ScanRunStatus.Failed : null, error, Log: true, null),
    };
}
