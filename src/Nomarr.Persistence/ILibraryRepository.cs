using Nomarr.Helpers.Libraries;

namespace Nomarr.Persistence;

/// <summary>The libraries. Their scan state is the ledger's (<see cref="IScanLedger"/>).</summary>
public interface ILibraryRepository
{
    Task<Library> AddAsync(string name, string rootPath, bool watch, DateTimeOffset now, CancellationToken cancellationToken);

    Task<IReadOnlyList<Library>> ListAsync(CancellationToken cancellationToken);

    Task<Library?> GetAsync(long libraryId, CancellationToken cancellationToken);

    /// <summary>Removes the library and every record of it. Returns false when there was none.</summary>
    /// <exception cref="Nomarr.Helpers.Errors.ScanAlreadyRunningException">A scan holds a live lease on the library: nothing is removed.</exception>
    Task<bool> RemoveAsync(long libraryId, CancellationToken cancellationToken);

    Task<bool> UpdateAsync(long libraryId, string? name, bool? watch, CancellationToken cancellationToken);
}
