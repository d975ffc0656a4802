using Nomarr.Helpers.Libraries;

namespace Nomarr.Components.Identity;

/// <summary>Device and inode numbers of files, where the platform has them (Linux).</summary>
public sealed class DeviceInodes
{
    /// <summary>The file's device and inode; null when it cannot be stat'ed or the platform has none.</summary>
    public DeviceInode? Of(string fullPath)
    {
        var (device, inode, errno) = NativeStat.Of(fullPath);
        return errno == 0 ? new DeviceInode(device, inode) : null;
    }

    /// <summary>
    /// True only when the path is certainly gone (ENOENT, ENOTDIR); a permission or I/O error is
    /// not proof that a file disappeared.
    /// </summary>
    public bool IsCertainlyGone(string fullPath)
    {
        var (_, _, errno) = NativeStat.Of(fullPath);
        return errno == -1 ? !File.Exists(fullPath) && !Directory.Exists(fullPath) : NativeStat.IsNotFound(errno);
    }
}
