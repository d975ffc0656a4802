using Nomarr.Helpers.Scanning;

namespace Nomarr.Cli.Output;

/// <summary>A recorded scan as `nomarr scans` shows it: flat, with its counts and duration.</summary>
internal sealed record ScanRunView(
    long Id,
    long LibraryId,
    ScanRunStatus Status,
    bool FullScan,
    IReadOnlyList<string> Targets,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    long? DurationMs,
    int? FilesScanned,
    int? FilesAdded,
    int? FilesUpdated,
    int? FilesUnchanged,
    int? FilesMoved,
    int? FilesMissing,
    int? MissingHeldBack,
    int? FilesFailed,
    int? FilesVanished,
    long? ResumedFrom,
    string? Error,
    string? Node)
{
    public static ScanRunView From(ScanRun run)
    {
        var r = run.Result;
        return new ScanRunView(
            run.Id, run.LibraryId, run.Status, run.FullScan, run.Targets, run.StartedAt, run.FinishedAt,
            r?.DurationMs ?? (run.FinishedAt is { } done ? (long)(done - run.StartedAt).TotalMilliseconds : null),
            r?.FilesScanned, r?.FilesAdded, r?.FilesUpdated, r?.FilesUnchanged, r?.FilesMoved, r?.FilesMissing, r?.MissingHeldBack,
            r?.FilesFailed, r?.FilesVanished, r?.ResumedFrom, run.Error, run.Node);
    }
}
