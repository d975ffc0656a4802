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
    string? Error)
{
    /// <summary>The lease owner that claimed the run (which process of which node); not shown to users.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? Owner { get; init; }

    /// <summary>The node that claimed the run; null while it is queued.</summary>
    public string? Node { get; init; }

    /// <summary>Where a running scan is, as its node last recorded it (at most once a second); null before its first batch and once it ended.</summary>
    public ScanProgress? Progress { get; init; }
}
