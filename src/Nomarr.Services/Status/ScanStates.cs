using Nomarr.Persistence;
using Nomarr.Workflows.Scanning;

namespace Nomarr.Services.Status;

/// <summary>The one place a library's scan state is decided, from the ledger's facts alone (CLI, API and page alike).</summary>
public static class ScanStates
{
    /// <param name="facts">What the ledger records of the library's scans.</param>
    /// <param name="owner">The lease owner of this process: a live lease of anyone else is a scan elsewhere.</param>
    public static LibraryScanState Of(LibraryScanFacts facts, ScanOwner owner)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(owner);
        if (facts.RunningRunId is not null)
        {
            if (string.Equals(facts.RunningOwner, owner.Id, StringComparison.Ordinal))
            {
                return LibraryScanState.Scanning;
            }

            // A killed process of this machine never renews its lease: its scan is over, and the next claim takes the library at once.
            return facts.RunningOwner is { } holder && owner.IsDeadLocalProcess(holder) ? LibraryScanState.Interrupted : LibraryScanState.ScanningElsewhere;
        }

        return facts.QueuedRunId is not null ? LibraryScanState.Queued
            : facts.HasUnfinished ? LibraryScanState.Interrupted
            : LibraryScanState.Idle;
    }
}
