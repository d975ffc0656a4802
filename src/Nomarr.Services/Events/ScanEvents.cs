using Nomarr.Helpers.Scanning;

namespace Nomarr.Services.Events;

/// <summary>A scan was requested and waits for its library.</summary>
public sealed record ScanQueuedEvent(long ScanId, long LibraryId, IReadOnlyList<string> Targets);

/// <summary>A scan began.</summary>
public sealed record ScanStartedEvent(long ScanId, long LibraryId, IReadOnlyList<string> Targets, bool FullScan, DateTimeOffset StartedAt);

/// <summary>How far a running scan is: files found so far, read and written, where it is, and files found per second.</summary>
public sealed record ScanProgressEvent(
    long ScanId,
    long LibraryId,
    ScanPhase Phase,
    int FilesScanned,
    int FilesToRead,
    int FilesRead,
    int FilesWritten,
    string? CurrentFolder,
    double FilesPerSecond);

/// <summary>A scan ended: completed with its counts, or failed, cancelled or interrupted.</summary>
public sealed record ScanFinishedEvent(long ScanId, long LibraryId, ScanRunStatus Status, ScanResult? Result, string? Error);
