using Nomarr.Helpers.Scanning;
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

            return IsAbandoned(facts.RunningOwner, owner) ? LibraryScanState.Interrupted : LibraryScanState.ScanningElsewhere;
        }

        return facts.QueuedRunId is not null ? LibraryScanState.Queued
            : facts.HasUnfinished ? LibraryScanState.Interrupted
            : LibraryScanState.Idle;
    }

    /// <summary>
    /// The run as the CLI, the API and the page list it: a running run whose process of this machine is gone
    /// is interrupted, as its library's state is, without waiting for its lease to lapse.
    /// </summary>
    public static ScanRun Shown(ScanRun run, ScanOwner owner)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(owner);
        return run.Status == ScanRunStatus.Running && IsAbandoned(run.Owner, owner)
            ? run with { Status = ScanRunStatus.Interrupted, Error = run.Error ?? "its process ended without finishing the scan", Progress = null }
            : run;
    }

    // A killed process of this machine never renews its lease: its scan is over, and the next claim takes the library at once.
    private static bool IsAbandoned(string? leaseOwner, ScanOwner owner) =>
        leaseOwner is { } holder && !string.Equals(holder, owner.Id, StringComparison.Ordinal) && owner.IsDeadLocalProcess(holder);
}
