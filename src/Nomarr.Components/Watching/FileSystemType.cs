namespace Nomarr.Components.Watching;

/// <summary>
/// A filesystem type as statfs(2) reports it (f_type), and whether inotify misses changes made to
/// it by other machines: a network or cluster filesystem, or FUSE (sshfs, rclone, GlusterFS ...),
/// where only changes made through this machine's kernel raise events.
/// </summary>
public sealed record FileSystemType(long Magic, string Name, bool MissesRemoteChanges);
