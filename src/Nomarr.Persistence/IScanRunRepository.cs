using Nomarr.Helpers.Scanning;

namespace Nomarr.Persistence;

/// <summary>The history of scans, each recorded with its targets before it starts.</summary>
public interface IScanRunRepository
{
    Task<long> StartAsync(long libraryId, IReadOnlyList<string> targets, bool fullScan, DateTimeOffset now, CancellationToken cancellationToken);

    Task FinishAsync(long scanId, ScanRunStatus status, ScanResult? result, string? errorMessage, DateTimeOffset now, CancellationToken cancellationToken);

    Task<ScanRun?> GetAsync(long scanId, CancellationToken cancellationToken);

    Task<IReadOnlyList<ScanRun>> ListAsync(long? libraryId, int limit, CancellationToken cancellationToken);
}
