using Nomarr.Helpers.Scanning;

namespace Nomarr.Persistence;

/// <summary>The history of scans, each recorded with its targets before it starts.</summary>
public interface IScanRunRepository
{
    Task<long> StartAsync(long libraryId, IReadOnlyList<string> targets, bool fullScan, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Records a request for a scan of the library: it joins the library's queued run, whose targets
    /// become <paramref name="folders"/>, or starts a new queued run. Returns the run's id.
    /// </summary>
    Task<long> QueueAsync(long libraryId, IReadOnlyList<string> folders, bool fullScan, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Turns the library's queued run into a running one with these targets; null when none is queued.</summary>
    Task<long?> ClaimQueuedAsync(long libraryId, IReadOnlyList<string> folders, bool fullScan, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Records a queued run as cancelled before it started; false when it is not queued (any more).</summary>
    Task<bool> CancelQueuedAsync(long scanId, DateTimeOffset now, CancellationToken cancellationToken);

    Task FinishAsync(long scanId, ScanRunStatus status, ScanResult? result, string? errorMessage, DateTimeOffset now, CancellationToken cancellationToken);

    Task<ScanRun?> GetAsync(long scanId, CancellationToken cancellationToken);

    /// <summary>The library's runs after its last completed one that did not complete (running, cancelled, failed or interrupted).</summary>
    Task<IReadOnlyList<ScanRun>> ListUnfinishedAsync(long libraryId, CancellationToken cancellationToken);

    /// <summary>Sets the status of the given runs, leaving their results and times alone.</summary>
    Task SetStatusAsync(IReadOnlyCollection<long> scanIds, ScanRunStatus status, CancellationToken cancellationToken);

    Task<IReadOnlyList<ScanRun>> ListAsync(long? libraryId, int limit, CancellationToken cancellationToken);
}
