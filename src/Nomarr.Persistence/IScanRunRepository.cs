using Nomarr.Helpers.Scanning;

namespace Nomarr.Persistence;

/// <summary>The history of scans, each recorded with its targets before it starts.</summary>
public interface IScanRunRepository
{
    Task<long> StartAsync(long libraryId, IReadOnlyList<string> targets, bool fullScan, DateTimeOffset now, CancellationToken cancellationToken);

    Task FinishAsync(long scanId, ScanRunStatus status, ScanResult? result, string? errorMessage, DateTimeOffset now, CancellationToken cancellationToken);

    Task<ScanRun?> GetAsync(long scanId, CancellationToken cancellationToken);

    /// <summary>The library's runs after its last completed one that did not complete (running, cancelled, failed or interrupted).</summary>
    Task<IReadOnlyList<ScanRun>> ListUnfinishedAsync(long libraryId, CancellationToken cancellationToken);

    /// <summary>Sets the status of the given runs, leaving their results and times alone.</summary>
    Task SetStatusAsync(IReadOnlyCollection<long> scanIds, ScanRunStatus status, CancellationToken cancellationToken);

    Task<IReadOnlyList<ScanRun>> ListAsync(long? libraryId, int limit, CancellationToken cancellationToken);
}
