namespace Nomarr.Helpers.Watching;

/// <summary>The watcher of one library: its status, why it is not watching, and when it last saw a change.</summary>
public sealed record WatcherState(long LibraryId, WatcherStatus Status, string? Reason, DateTimeOffset? LastEventAt);
