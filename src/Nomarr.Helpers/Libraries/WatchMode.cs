namespace Nomarr.Helpers.Libraries;

/// <summary>How `nomarr serve` follows the changes of a library.</summary>
public enum WatchMode
{
    /// <summary>inotify, or polling when the root lies on a filesystem whose remote changes inotify cannot see (NFS, SMB, FUSE ...).</summary>
    Auto,

    /// <summary>Kernel events (inotify), whatever the filesystem.</summary>
    Inotify,

    /// <summary>A walk of the library every poll period, compared with the previous one.</summary>
    Poll,

    /// <summary>Nobody watches; only requested and periodic scans.</summary>
    Off,
}
