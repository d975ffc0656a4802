using Nomarr.Helpers.Scanning;

namespace Nomarr.Persistence;

/// <summary>
/// The one record of scan state: requests, the library's single queued run, claims with their lease,
/// and how each run ended. Every operation is one transaction; leases expire on the database's clock;
/// what the libraries row keeps of scans is written in the same transactions. The lifecycle is drawn
/// in docs/architecture.md; the reasons are in docs/decisions/0009-scan-ledger.md.
/// </summary>
public interface IScanLedger
{
    /// <summary>
    /// Stores the folders as waiting for the library and joins its queued run, or creates it: a
    /// library has at most one queued run, which covers everything waiting.
    /// </summary>
    Task<ScanRequestReceipt> RequestAsync(long libraryId, IReadOnlyList<string> folders, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Claims the library's queued run with everything waiting for it, and the lease, for
    /// <paramref name="owner"/>; the run records the owner's node (<see cref="LeaseOwners.NodeOf"/>). A running
    /// run whose lease expired, or whose owner is <paramref name="deadHolder"/>, is recorded as interrupted and
    /// taken over. Refused while another lease is live; nothing to claim, and nothing changed, when the
    /// library is pinned to another node.
    /// </summary>
    Task<ClaimAttempt> TryClaimAsync(long libraryId, string owner, TimeSpan leaseFor, string? deadHolder, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Starts a run on exactly these folders with the lease, leaving the queue alone (a scan asked for
    /// now, as `nomarr scan` does). Refused, and nothing recorded, while another lease is live.
    /// </summary>
    Task<ClaimAttempt> TryStartAsync(long libraryId, IReadOnlyList<string> folders, string owner, TimeSpan leaseFor, string? deadHolder, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Records where the running scan is, for other nodes to show; false when the lease was lost.</summary>
    Task<bool> RecordProgressAsync(ScanClaim claim, ScanProgress progress, CancellationToken cancellationToken);

    /// <summary>Extends the lease by <paramref name="leaseFor"/> from the database's now; false when it was lost (expired or taken over).</summary>
    Task<bool> RenewAsync(ScanClaim claim, TimeSpan leaseFor, CancellationToken cancellationToken);

    /// <summary>
    /// Records the run completed with its result, marks the runs it resumed (up to
    /// <see cref="ScanResult.ResumedFrom"/>) resumed, stores the root device and the library's last scan,
    /// drops what waited under the run, and releases the lease, all at once.
    /// </summary>
    /// <exception cref="LeaseLostException">The lease is gone: nothing was recorded.</exception>
    Task CompleteAsync(ScanClaim claim, ScanResult result, long? rootDevice, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Records the run failed; what waited under it is dropped (the watcher asks again). False when the claim is stale.</summary>
    Task<bool> FailAsync(ScanClaim claim, string reason, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Records the run cancelled on request; what waited under it is dropped, newer requests stay. False when the claim is stale.</summary>
    Task<bool> CancelAsync(ScanClaim claim, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Records the run interrupted with the reason; what waited under it keeps waiting. False when the claim is stale.</summary>
    Task<bool> InterruptAsync(ScanClaim claim, string reason, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Records a queued run cancelled before it started, with everything waiting under it; false when it is not queued.</summary>
    Task<bool> CancelQueuedAsync(long runId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The runs after the library's last completed one that did not complete, other than <paramref name="exceptRunId"/>; null when none.</summary>
    Task<ResumePlan?> FindResumePlanAsync(long libraryId, long? exceptRunId, CancellationToken cancellationToken);

    /// <summary>One run; a running run whose lease expired is reported as interrupted.</summary>
    Task<ScanRun?> GetAsync(long runId, CancellationToken cancellationToken);

    /// <summary>Recent runs, newest first; a running run whose lease expired is reported as interrupted.</summary>
    Task<IReadOnlyList<ScanRun>> ListAsync(long? libraryId, int limit, CancellationToken cancellationToken);

    /// <summary>The scan facts of every library (or one), in library order.</summary>
    Task<IReadOnlyList<LibraryScanFacts>> GetFactsAsync(long? libraryId, CancellationToken cancellationToken);
}
