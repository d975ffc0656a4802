using Nomarr.Helpers.Scanning;
using Nomarr.Workflows.Watching;

namespace Nomarr.Services.Watching;

/// <summary>What the watcher loop is told, by the filesystem watchers, the debouncers, the retry timers and the library service.</summary>
internal abstract record WatchMessage
{
    /// <summary>Libraries were added, removed or toggled: start and stop watchers to match.</summary>
    public sealed record Sync : WatchMessage;

    /// <summary>A raw event of the watcher of one generation (events of a replaced watcher are dropped).</summary>
    public sealed record FileEvent(long LibraryId, int Generation, WatchEventKind Kind, string FullPath, string? OldFullPath) : WatchMessage;

    /// <summary>The host is stopping: close the watchers and store what is still waiting.</summary>
    public sealed record Stop : WatchMessage;

    public sealed record Failed(long LibraryId, int Generation, Exception Error) : WatchMessage;

    public sealed record Retry(long LibraryId, int Generation) : WatchMessage;

    /// <summary>The mode of the watcher of one generation is chosen (auto resolved on the root's filesystem): open it.</summary>
    public sealed record Chosen(long LibraryId, int Generation, WatchModeChoice Choice) : WatchMessage;

    /// <summary>
    /// A poll round of the poller of one generation ended: the folders that changed since the round
    /// before (none for the first, which only takes the snapshot), how long it took, and when the next one is.
    /// </summary>
    public sealed record Polled(long LibraryId, int Generation, IReadOnlyList<string> Folders, bool First, TimeSpan Took, TimeSpan NextIn) : WatchMessage;

    /// <summary>Debounced folders, ready to be scanned.</summary>
    public sealed record Ready(long LibraryId, IReadOnlyList<ScanTarget> Targets) : WatchMessage;
}
