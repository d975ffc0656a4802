namespace Nomarr.Helpers.Scanning;

/// <summary>A snapshot of a running scan, reported after each batch and as files are walked.</summary>
public sealed record ScanProgress(
    long ScanId,
    long LibraryId,
    ScanPhase Phase,
    int FilesScanned,
    int FilesToRead,
    int FilesRead,
    int FilesWritten,
    int BatchesWritten,
    int LastBatchSize,
    string? CurrentFolder);
