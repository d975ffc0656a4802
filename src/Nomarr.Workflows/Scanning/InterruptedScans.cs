using Nomarr.Helpers.Scanning;
using Nomarr.Persistence;

namespace Nomarr.Workflows.Scanning;

/// <summary>
/// Finds the scan a library's next scan must resume: by the seed's rule, a scan started after the
/// last completed one and never completed (the process died, or the scan was cancelled or failed).
/// Only meaningful under the library's scan lease, when no other scan can be running.
/// A failed run is resumed in full: its failure may have come from its own folder list, and a
/// full scan does not depend on one. So are more than <c>maxTargets</c> folders merged together.
/// </summary>
internal sealed class InterruptedScans(ILibraryRepository libraries, IScanRunRepository runs, int maxTargets)
{
    /// <summary>The plan, leaving out <c>exceptRunId</c>: the run about to resume the others (a queued run claimed already).</summary>
    public async Task<ResumePlan?> FindAsync(long libraryId, long? exceptRunId, CancellationToken cancellationToken)
    {
        var state = await libraries.GetScanStateAsync(libraryId, cancellationToken);
        if (state is null || !state.IsUnfinished)
        {
            return null;
        }

        var unfinished = (await runs.ListUnfinishedAsync(libraryId, cancellationToken)).Where(r => r.Id != exceptRunId).ToList();
        if (unfinished.Count == 0)
        {
            // Started with no recorded run: nothing says which folders, so all of them.
            return new ResumePlan(null, [], [string.Empty]);
        }

        var folders = ScanScope.Collapse(unfinished.SelectMany(r => r.Targets));
        if (folders.Count > maxTargets || unfinished.Any(r => r.Status == ScanRunStatus.Failed))
        {
            folders = [string.Empty];
        }

        return new ResumePlan(unfinished.Max(r => r.Id), unfinished.Select(r => r.Id).ToList(), folders);
    }
}
