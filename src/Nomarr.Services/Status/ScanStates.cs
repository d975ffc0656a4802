using Nomarr.Persistence;

namespace Nomarr.Services.Status;

/// <summary>The one place a library's scan state is decided, from the ledger's facts alone (CLI, API and page alike).</summary>
public static class ScanStates
{
    /// <param name="facts">What the ledger records of the library's scans.</param>
    /// <param name="localOwner">The lease owner of this process: a live lease of anyone else is a scan elsewhere.</param>
    public static LibraryScanState Of(LibraryScanFacts facts, string localOwner)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.RunningRunId is not null)
        {
            return string.Equals(facts.RunningOwner, localOwner, StringComparison.Ordinal) ? LibraryScanState.Scanning : LibraryScanState.ScanningElsewhere;
        }

        return facts.QueuedRunId is not null ? LibraryScanState.Queued
            : facts.HasUnfinished ? LibraryScanState.Interrupted
            : LibraryScanState.Idle;
    }
}
