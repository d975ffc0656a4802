namespace Nomarr.Persistence;

/// <summary>
/// Scan targets waiting for their library's next scan, stored so that a restart loses none. Read only:
/// the <see cref="IScanLedger"/> stores requests and drops what a run covered.
/// </summary>
public interface IPendingScanRepository
{
    /// <summary>The waiting targets of one library, and the newest time among them.</summary>
    Task<PendingTargets?> GetAsync(long libraryId, CancellationToken cancellationToken);

    /// <summary>The libraries that have targets waiting.</summary>
    Task<IReadOnlyList<long>> ListLibrariesAsync(CancellationToken cancellationToken);
}
