using Nomarr.Helpers.Scanning;

namespace Nomarr.Persistence;

/// <summary>Scan targets waiting for their library's next scan, stored so that a restart loses none.</summary>
public interface IPendingScanRepository
{
    /// <summary>Adds targets (an existing one gets the newer time).</summary>
    Task AddAsync(IReadOnlyList<ScanTarget> targets, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The waiting targets of one library, and the newest time among them.</summary>
    Task<PendingTargets?> GetAsync(long libraryId, CancellationToken cancellationToken);

    /// <summary>The libraries that have targets waiting.</summary>
    Task<IReadOnlyList<long>> ListLibrariesAsync(CancellationToken cancellationToken);

    /// <summary>Removes the given folders of a library that were queued at or before <paramref name="upTo"/>; newer requests stay.</summary>
    Task RemoveAsync(long libraryId, IReadOnlyList<string> folders, DateTimeOffset upTo, CancellationToken cancellationToken);
}
