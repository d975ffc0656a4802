using Nomarr.Helpers.Errors;
using Nomarr.Helpers.Scanning;
using Nomarr.Persistence;
using Nomarr.Services.Status;
using Nomarr.Workflows.Scanning;

namespace Nomarr.Services.Scanning;

/// <summary>The scans as the ledger recorded them: the runs, one run, and each library's scan state.</summary>
public sealed class ScanHistory(IScanLedger ledger, ScanOwner owner)
{
    /// <summary>
    /// Recent scans, newest first; a run whose process died is shown as interrupted: at once when it was a
    /// process of this node on this machine (<see cref="ScanStates.Shown"/>), otherwise once its lease lapsed.
    /// </summary>
    public async Task<IReadOnlyList<ScanRun>> ListAsync(long? libraryId, int limit, CancellationToken cancellationToken) =>
        [.. (await ledger.ListAsync(libraryId, limit, cancellationToken)).Select(r => ScanStates.Shown(r, owner))];

    /// <summary>One scan, shown as <see cref="ListAsync"/> shows it.</summary>
    public async Task<ScanRun?> GetAsync(long scanId, CancellationToken cancellationToken) =>
        await ledger.GetAsync(scanId, cancellationToken) is { } run ? ScanStates.Shown(run, owner) : null;

    /// <summary>The library's scan state, as the CLI, the API and the page show it.</summary>
    /// <exception cref="LibraryNotFoundException">There is no such library.</exception>
    public async Task<LibraryScanState> StateOfAsync(long libraryId, CancellationToken cancellationToken) =>
        (await ledger.GetFactsAsync(libraryId, cancellationToken)) is [var facts]
            ? ScanStates.Of(facts, owner)
            : throw new LibraryNotFoundException(libraryId);

    /// <summary>The scan state of every library, by id.</summary>
    public async Task<IReadOnlyDictionary<long, LibraryScanState>> StatesAsync(CancellationToken cancellationToken) =>
        (await ledger.GetFactsAsync(null, cancellationToken)).ToDictionary(f => f.LibraryId, f => ScanStates.Of(f, owner));

    /// <summary>
    /// The folders of the library's interrupted scan, or null when it has none or a scan holds the
    /// library: the service queues them at start-up, and the scan that takes them resumes it.
    /// </summary>
    public async Task<IReadOnlyList<ScanTarget>?> InterruptedTargetsAsync(long libraryId, CancellationToken cancellationToken)
    {
        if (await StateOfAsync(libraryId, cancellationToken) != LibraryScanState.Interrupted
            || await ledger.FindResumePlanAsync(libraryId, null, cancellationToken) is not { } plan)
        {
            return null;
        }

        return plan.Folders.Select(f => new ScanTarget(libraryId, f)).ToList();
    }
}
