using Nomarr.Helpers.Errors;
using Nomarr.Persistence;

namespace Nomarr.Workflows.Scanning;

/// <summary>
/// Takes claims on the ledger for this process. A claim refused by a lease of a dead local process is
/// tried once more, taking that lease over, so a killed `nomarr scan` does not block the next one.
/// </summary>
public sealed class ScanClaims(IScanLedger ledger, ScanOwner owner, TimeProvider time)
{
    /// <summary>Starts a run on exactly these folders.</summary>
    /// <exception cref="ScanAlreadyRunningException">Another scan holds the library.</exception>
    public async Task<ScanClaim> StartAsync(long libraryId, IReadOnlyList<string> folders, TimeSpan leaseFor, CancellationToken cancellationToken) =>
        await ClaimAsync(libraryId, dead => ledger.TryStartAsync(libraryId, folders, owner.Id, leaseFor, dead, time.GetUtcNow(), cancellationToken))
        ?? throw new InvalidOperationException("A started run always makes a claim.");

    /// <summary>Claims the library's queued run with everything waiting; null when nothing waits.</summary>
    /// <exception cref="ScanAlreadyRunningException">Another scan holds the library.</exception>
    public Task<ScanClaim?> ClaimQueuedAsync(long libraryId, TimeSpan leaseFor, CancellationToken cancellationToken) =>
        ClaimAsync(libraryId, dead => ledger.TryClaimAsync(libraryId, owner.Id, leaseFor, dead, time.GetUtcNow(), cancellationToken));

    private async Task<ScanClaim?> ClaimAsync(long libraryId, Func<string?, Task<ClaimAttempt>> attempt)
    {
        var first = await attempt(null);
        if (first.Holder is not { } holder)
        {
            return first.Claim;
        }

        if (owner.IsDeadLocalProcess(holder) && await attempt(holder) is { Holder: null } second)
        {
            return second.Claim;
        }

        throw new ScanAlreadyRunningException(libraryId);
    }
}
