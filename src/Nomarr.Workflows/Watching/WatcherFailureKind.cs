namespace Nomarr.Workflows.Watching;

/// <summary>Why a library's watcher stopped seeing changes.</summary>
public enum WatcherFailureKind
{
    /// <summary>More events than the kernel queue holds: some were lost.</summary>
    BufferOverflow,

    /// <summary>fs.inotify.max_user_watches is reached: one watch is needed per folder.</summary>
    WatchLimit,

    /// <summary>fs.inotify.max_user_instances is reached.</summary>
    InstanceLimit,

    /// <summary>The library folder is gone: unmounted, moved or deleted.</summary>
    RootVanished,

    Other,
}
