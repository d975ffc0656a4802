using Microsoft.Extensions.Logging;
using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Scanning;
using Nomarr.Persistence;

namespace Nomarr.Workflows.Scanning;

/// <summary>The state of one running scan, shared by its phases.</summary>
internal sealed class ScanContext(
    Library library,
    ScanScope scope,
    ScanClaim claim,
    TimeProvider time,
    IProgress<ScanProgress>? progress,
    ILogger logger)
{
    public Library Library { get; } = library;

    public ScanScope Scope { get; } = scope;

    /// <summary>The held claim every write of the scan presents.</summary>
    public ScanClaim Claim { get; } = claim;

    public long ScanId => Claim.RunId;

    /// <summary>
    /// The stored files of the scope. They load while the walk starts; the compare stage sets them
    /// before it hands on any file, so every later stage sees them.
    /// </summary>
    public KnownFiles Known
    {
        get => _known ?? throw new InvalidOperationException("The stored files of the scope are not loaded yet.");
        set => _known = value;
    }

    private KnownFiles? _known;

    public ScanCounters Counters { get; } = new();

    /// <summary>How long the walk took, from its start to its last folder.</summary>
    public long WalkMs { get; set; }

    /// <summary>Whether this scan fingerprints the files it reads.</summary>
    public bool Fingerprints { get; init; }

    /// <summary>New files that may be moves, held back by the writer (which alone touches this list) until the walk is over.</summary>
    public List<PendingMove> PendingMoves { get; } = [];

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

    public void LogMissingHeldBack(int missing, int known) => ScanLog.MissingHeldBack(logger, Library.Id, missing, known);

    public void LogAmbiguousMove(string path, int candidates) => ScanLog.AmbiguousMove(logger, Library.Id, path, candidates);

    public void LogFileFailed(string path, string? error) => ScanLog.FileFailed(logger, Library.Id, path, error ?? "unknown");
}
