using Microsoft.Extensions.Logging;
using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Scanning;

namespace Nomarr.Workflows.Scanning;

/// <summary>The state of one running scan, shared by its phases.</summary>
internal sealed class ScanContext(
    Library library,
    ScanScope scope,
    long scanId,
    KnownFiles known,
    TimeProvider time,
    IProgress<ScanProgress>? progress,
    ILogger logger)
{
    public Library Library { get; } = library;

    public ScanScope Scope { get; } = scope;

    public long ScanId { get; } = scanId;

    public KnownFiles Known { get; } = known;

    public ScanCounters Counters { get; } = new();

    public DateTimeOffset Now() => time.GetUtcNow();

    public void Report(ScanPhase phase, string? currentFolder, int lastBatchSize = 0) =>
        progress?.Report(new ScanProgress(
            ScanId,
            Library.Id,
            phase,
            Counters.Scanned,
            Counters.ToRead,
            Counters.Read,
            Counters.Added + Counters.Updated,
            Counters.Batches,
            lastBatchSize,
            currentFolder));

    public void LogFileFailed(string path, string? error) => ScanLog.FileFailed(logger, Library.Id, path, error ?? "unknown");
}
