using Nomarr.Helpers.Libraries;

namespace Nomarr.Persistence;

/// <summary>The libraries. Their scan state is the ledger's (<see cref="IScanLedger"/>).</summary>
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
    /// <exception cref="Nomarr.Helpers.Errors.ScanAlreadyRunningException">A scan holds a live lease on the library: nothing is removed.</exception>
    Task<bool> RemoveAsync(long libraryId, CancellationToken cancellationToken);

    /// <summary>Changes what is given (null leaves it); a <paramref name="pollSeconds"/> of 0 goes back to Watcher:PollSeconds. False when there is no such library.</summary>
    Task<bool> UpdateAsync(long libraryId, string? name, WatchMode? watchMode, int? pollSeconds, CancellationToken cancellationToken);

    /// <summary>Pins the library to a node (only it scans and watches the library), or unpins it with null. False when there is no such library.</summary>
    Task<bool> SetNodeAsync(long libraryId, string? node, CancellationToken cancellationToken);
}
