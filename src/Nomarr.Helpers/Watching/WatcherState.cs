using Nomarr.Helpers.Libraries;

namespace Nomarr.Helpers.Watching;

/// <summary>The watcher of one library: its status, why it is not watching, and when it last saw a change.</summary>
public sealed record WatcherState(long LibraryId, WatcherStatus Status, string? Reason, DateTimeOffset? LastEventAt)
{
    /// <summary>How changes are seen: inotify, poll or off (auto resolved); null until it is chosen.</summary>
    public WatchMode? Mode { get; init; }

    /// <summary>Why that mode: the filesystem auto found, or the library's own setting.</summary>
    public string? ModeReason { get; init; }

    /// <summary>Seconds between polls now: the library's period, or longer while rounds are slow.</summary>
    public double? PollSeconds { get; init; }

    /// <summary>How long the last poll round took, in milliseconds.</summary>
    public double? LastPollMs { get; init; }

    public DateTimeOffset? LastPollAt { get; init; }
}
