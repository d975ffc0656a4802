using Microsoft.Extensions.Logging;

namespace Nomarr.Workflows.Scanning;

internal static partial class ScanLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Scan {ScanId} of library {LibraryId} started: {Targets} (full: {FullScan})")]
    public static partial void Started(ILogger logger, long scanId, long libraryId, string targets, bool fullScan);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Scan {ScanId} finished in {DurationMs} ms: {Scanned} scanned, {Added} added, {Updated} updated, {Unchanged} unchanged, {Missing} missing, {Failed} failed")]
    public static partial void Finished(ILogger logger, long scanId, long durationMs, int scanned, int added, int updated, int unchanged, int missing, int failed);

    // The phases in order (wall time), then the time spent reading (tags and audio identity within it) summed over
    // the readers, the writer's time, and the CPU time of the process during the scan. BENCHMARKS.md reads them.
    [LoggerMessage(Level = LogLevel.Information,
        Message = "Scan {ScanId} timings (ms): start {StartMs}, known files {KnownMs} ({Known} files), walk {WalkMs}, walk+read+write {PipelineMs}, moves {MovesMs}, missing {MissingMs}, "
            + "reading {ReadMs}, tags {TagsMs}, audio identity {KeysMs}, writing {WriteMs}, cpu {CpuMs}")]
    public static partial void Timings(
        ILogger logger, long scanId, long startMs, long knownMs, int known, long walkMs, long pipelineMs, long movesMs, long missingMs,
        long readMs, long tagsMs, long keysMs, long writeMs, long cpuMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Library {LibraryId}: could not read tags of {Path}: {Error}")]
    public static partial void FileFailed(ILogger logger, long libraryId, string path, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Library {LibraryId}: folder {Folder} could not be read ({Reason}); its files are not marked missing")]
    public static partial void FolderUnreadable(ILogger logger, long libraryId, string folder, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Library {LibraryId}: {Path} matches {Candidates} stored files or is one of several files matching one; it is added, not taken as a move")]
    public static partial void AmbiguousMove(ILogger logger, long libraryId, string path, int candidates);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Library {LibraryId}: {Missing} of {Known} files would go missing at once; held back until confirmed (--allow-mass-missing)")]
    public static partial void MissingHeldBack(ILogger logger, long libraryId, int missing, int known);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scan {ScanId} of library {LibraryId} resumes interrupted scan {ResumedFrom}: {Targets}")]
    public static partial void Resuming(ILogger logger, long scanId, long libraryId, long resumedFrom, string targets);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scan {ScanId} of library {LibraryId}: how it ended could not be recorded ({Error}); it shows as interrupted once its lease lapses, and the next scan resumes it")]
    public static partial void EndNotRecorded(ILogger logger, long scanId, long libraryId, string error);

    // Information: the caller reports the failure it is thrown (the command's one line, the queue's error log),
    // so a failing `nomarr scan` prints one line, not this as well.
    [LoggerMessage(Level = LogLevel.Information, Message = "Scan {ScanId} of library {LibraryId} failed: {Error}")]
    public static partial void Failed(ILogger logger, long scanId, long libraryId, string error);

    // The stack trace, for `-v` and debug logs only: a user sees the one-line error.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Scan {ScanId} failed here")]
    public static partial void FailedAt(ILogger logger, Exception exception, long scanId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scan {ScanId} of library {LibraryId} was cancelled")]
    public static partial void Cancelled(ILogger logger, long scanId, long libraryId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scan {ScanId} of library {LibraryId} stopped: {Reason}")]
    public static partial void LeaseLost(ILogger logger, long scanId, long libraryId, string reason);
}
