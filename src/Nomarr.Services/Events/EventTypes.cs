namespace Nomarr.Services.Events;

/// <summary>The names of the live events, as the event stream sends them.</summary>
public static class EventTypes
{
    public const string ScanQueued = "scan_queued";
    public const string ScanStarted = "scan_started";
    public const string ScanProgress = "scan_progress";
    public const string ScanFinished = "scan_finished";
    public const string WatcherState = "watcher_state";
    public const string FilesChanged = "files_changed";
}
