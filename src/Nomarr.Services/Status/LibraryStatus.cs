using Nomarr.Helpers.Watching;

namespace Nomarr.Services.Status;

/// <summary>One library as the status shows it; <see cref="Watcher"/> is null when no watcher runs in this process.</summary>
public sealed record LibraryStatus(
    long Id,
    string Name,
    string RootPath,
    bool Watch,
    LibraryScanState ScanState,
    long? RunningScanId,
    DateTimeOffset? LastScanAt,
    WatcherState? Watcher);
