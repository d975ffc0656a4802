namespace Nomarr.Helpers.Scanning;

/// <summary>A recorded scan: its targets, when it ran, how it ended, and its counts once finished.</summary>
public sealed record ScanRun(
    long Id,
    long LibraryId,
    IReadOnlyList<string> Targets,
    bool FullScan,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    ScanRunStatus Status,
    ScanResult? Result,
    string? Error);
