using Nomarr.Components.Watching;

namespace Nomarr.Workflows.Watching;

/// <summary>What a watcher error means, what the user can do about it, and how long to wait before trying again.</summary>
public static class WatcherFailures
{
    // inotify reports its limits as ENOSPC (watches) and EMFILE (instances); .NET passes the errno on as HResult.
    private const int NoSpace = 28;
    private const int TooManyOpenFiles = 24;
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromMinutes(1);

    public static WatcherFailureKind Classify(Exception exception) => exception switch
    {
        InternalBufferOverflowException => WatcherFailureKind.BufferOverflow,
        DirectoryNotFoundException => WatcherFailureKind.RootVanished,
        IOException { HResult: NoSpace } => WatcherFailureKind.WatchLimit,
        IOException { HResult: TooManyOpenFiles } => WatcherFailureKind.InstanceLimit,
        IOException io when io.Message.Contains("max_user_watches", StringComparison.Ordinal) => WatcherFailureKind.WatchLimit,
        IOException io when io.Message.Contains("max_user_instances", StringComparison.Ordinal) => WatcherFailureKind.InstanceLimit,
        _ => WatcherFailureKind.Other,
    };

    /// <summary>What the error means and what to do about it, with the current value of the inotify limit involved.</summary>
    public static (WatcherFailureKind Kind, string Reason) Explain(Exception exception, string root)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var kind = Classify(exception);
        var limit = LimitSetting(kind) is { } setting ? InotifyLimits.Read(setting) : null;
        return (kind, Describe(kind, root, limit, exception.Message));
    }

    /// <summary>A reason a user can act on, shown in the log and in the library's watcher state.</summary>
    /// <param name="kind">What failed.</param>
    /// <param name="root">The library folder.</param>
    /// <param name="limit">The current value of the inotify limit involved, when known.</param>
    /// <param name="detail">The error's own message, for failures without a known cause.</param>
    public static string Describe(WatcherFailureKind kind, string root, string? limit, string? detail) => kind switch
    {
        WatcherFailureKind.BufferOverflow =>
            "too many changes at once: the inotify event queue overflowed and events were lost (fs.inotify.max_queued_events" + Current(limit)
            + "); the watcher is re-created and the library scanned in full",
        WatcherFailureKind.WatchLimit =>
            "the inotify watch limit is reached (fs.inotify.max_user_watches" + Current(limit) + "; one watch is needed per folder): raise it with "
            + "`sysctl -w fs.inotify.max_user_watches=524288` and keep it in /etc/sysctl.d/; the watcher is re-created on its own",
        WatcherFailureKind.InstanceLimit =>
            "the inotify instance limit is reached (fs.inotify.max_user_instances" + Current(limit) + "): raise it with "
            + "`sysctl -w fs.inotify.max_user_instances=1024`; the watcher is re-created on its own",
        WatcherFailureKind.RootVanished =>
            "the library folder " + root + " is gone (unmounted, moved or deleted); it is watched and scanned again when it is back",
        _ => "the watcher failed: " + (detail ?? "unknown error") + "; it is re-created and the library scanned in full",
    };

    /// <summary>The setting whose current value belongs in the reason, if any.</summary>
    public static string? LimitSetting(WatcherFailureKind kind) => kind switch
    {
        WatcherFailureKind.BufferOverflow => "max_queued_events",
        WatcherFailureKind.WatchLimit => "max_user_watches",
        WatcherFailureKind.InstanceLimit => "max_user_instances",
        _ => null,
    };

    /// <summary>1 s, 2 s, 4 s ... up to a minute between attempts to re-create a watcher.</summary>
    public static TimeSpan RetryDelay(int attempt)
    {
        var delay = FirstRetry * Math.Pow(2, Math.Clamp(attempt, 0, 16));
        return delay < LongestRetry ? delay : LongestRetry;
    }

    private static string Current(string? limit) => limit is null ? string.Empty : " is " + limit;
}
