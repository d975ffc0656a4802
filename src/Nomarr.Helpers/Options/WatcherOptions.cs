using System.ComponentModel.DataAnnotations;

namespace Nomarr.Helpers.Options;

/// <summary>Section "Watcher": how `nomarr serve` follows changes on disk.</summary>
public sealed class WatcherOptions
{
    public const string Section = "Watcher";

    /// <summary>False turns every watcher off; scans then come only from requests and the periodic scan.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long a folder must stay quiet (no event, stable files) before it is scanned.</summary>
    [Range(0.01, 3600)]
    public double DebounceSeconds { get; set; } = 2;

    /// <summary>The longest a folder with a continuous stream of events waits before it is scanned anyway.</summary>
    [Range(0.01, 86_400)]
    public double MaxWaitSeconds { get; set; } = 30;

    /// <summary>More changed folders than this in one library become one full scan of that library.</summary>
    [Range(1, 1_000_000)]
    public int MaxTargets { get; set; } = 500;

    /// <summary>Scan each watched library in full when its watcher starts, to catch what changed while nobody watched.</summary>
    public bool ScanOnStart { get; set; } = true;

    /// <summary>Seconds between two polls of a polled library (a library may set its own).</summary>
    [Range(1, 86_400)]
    public int PollSeconds { get; set; } = 60;

    /// <summary>
    /// How long a poll round, or the statfs that picks a library's mode, may go without an answer from
    /// the filesystem (a dead network share) before the watcher is degraded.
    /// </summary>
    [Range(0.1, 3600)]
    public double PollTimeoutSeconds { get; set; } = 30;

    public TimeSpan PollTimeout => TimeSpan.FromSeconds(PollTimeoutSeconds);

    public TimeSpan QuietPeriod => TimeSpan.FromSeconds(DebounceSeconds);

    public TimeSpan MaxWait => TimeSpan.FromSeconds(Math.Max(MaxWaitSeconds, DebounceSeconds));
}
