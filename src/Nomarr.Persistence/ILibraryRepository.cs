using Nomarr.Helpers.Libraries;

namespace Nomarr.Persistence;

/// <summary>Libraries and their scan state.</summary>
public interface ILibraryRepository
{
    /// <param name="name">The library's name.</param>
    /// <param name="rootPath">Its folder, absolute and normalized.</param>
    /// <param name="watchMode">How it is watched.</param>
    /// <param name="pollSeconds">Its own poll period, or null for Watcher:PollSeconds.</param>
    /// <param name="now">Its creation time.</param>
    /// <param name="cancellationToken">Cancels the insert.</param>
    Task<Library> AddAsync(string name, string rootPath, WatchMode watchMode, int? pollSeconds, DateTimeOffset now, CancellationToken cancellationToken);

    Task<IReadOnlyList<Library>> ListAsync(CancellationToken cancellationToken);

    Task<Library?> GetAsync(long libraryId, CancellationToken cancellationToken);

    /// <summary>Removes the library and every record of it. Returns false when there was none.</summary>
    Task<bool> RemoveAsync(long libraryId, CancellationToken cancellationToken);

    /// <summary>Changes what is given (null leaves it); a <paramref name="pollSeconds"/> of 0 goes back to Watcher:PollSeconds. False when there is no such library.</summary>
    Task<bool> UpdateAsync(long libraryId, string? name, WatchMode? watchMode, int? pollSeconds, CancellationToken cancellationToken);

    Task MarkScanStartedAsync(long libraryId, bool fullScan, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Records the device the library root is on (null forgets it).</summary>
    Task SetRootDeviceAsync(long libraryId, long? device, CancellationToken cancellationToken);

    /// <summary>Who holds the library's scan lease, if anyone (expired or not).</summary>
    Task<string?> GetScanLeaseOwnerAsync(long libraryId, CancellationToken cancellationToken);

    /// <summary>Takes the lease from <paramref name="deadOwner"/>, a process known to be gone; false when someone else holds it now.</summary>
    Task<bool> TakeOverScanLeaseAsync(long libraryId, string deadOwner, string owner, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    Task MarkScanCompletedAsync(long libraryId, DateTimeOffset now, CancellationToken cancellationToken);

    Task<ScanState?> GetScanStateAsync(long libraryId, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the last scan started and never completed (the seed's rule), and whether it was a full scan.
    /// A scan that is running right now, under a live lease, is not reported as interrupted.
    /// </summary>
    Task<(bool WasInterrupted, bool WasFullScan)> CheckInterruptedScanAsync(long libraryId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Takes or renews the library's scan lease for <paramref name="owner"/> until <paramref name="expiresAt"/>.
    /// Succeeds when nobody holds it, the holder is the same owner, or the holder's lease has expired.
    /// </summary>
    Task<bool> TryAcquireScanLeaseAsync(long libraryId, string owner, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    Task ReleaseScanLeaseAsync(long libraryId, string owner, CancellationToken cancellationToken);
}
