using System.Globalization;
using System.Runtime.InteropServices;

namespace Nomarr.Components.Watching;

/// <summary>
/// The one table of filesystem magic numbers (linux/magic.h, statfs(2)) Nomarr knows, and statfs(2)
/// from libc to look a path up in it. A type missing from the table is taken as local.
/// </summary>
/// <remarks>
/// On 64-bit Linux (x86-64 and arm64 alike) struct statfs begins with f_type as a 64-bit field, so
/// only that is read, from a buffer comfortably larger than the struct. statfs on a dead hard-mounted
/// NFS share may never return: callers bound it with a timeout.
/// </remarks>
public static partial class FileSystemTypes
{
    private const int BufferSize = 512;

    /// <summary>Every known type; those whose remote changes inotify misses first.</summary>
    public static IReadOnlyList<FileSystemType> All { get; } =
    [
        new(0x6969, "nfs", true),
        new(0x517B, "smb", true),
        new(0xFF534D42, "cifs", true),
        new(0xFE534D42, "smb2", true),
        new(0x65735546, "fuse", true),
        new(0x01021997, "9p", true),
        new(0x5346414F, "afs", true),
        new(0x6B414653, "kafs", true),
        new(0x00C36400, "ceph", true),
        new(0x73757245, "coda", true),
        new(0x564C, "ncpfs", true),
        new(0x7461636F, "ocfs2", true),
        new(0x01161970, "gfs2", true),
        new(0x0BD00BD0, "lustre", true),
        new(0x786F4256, "vboxsf", true),
        new(0x20030528, "orangefs", true),
        new(0xEF53, "ext4", false),
        new(0x01021994, "tmpfs", false),
        new(0x858458F6, "ramfs", false),
        new(0x9123683E, "btrfs", false),
        new(0x58465342, "xfs", false),
        new(0x2FC12FC1, "zfs", false),
        new(0xCA451A4E, "bcachefs", false),
        new(0xF2F52010, "f2fs", false),
        new(0x794C7630, "overlay", false),
        new(0x52654973, "reiserfs", false),
        new(0x3153464A, "jfs", false),
        new(0x4D44, "vfat", false),
        new(0x2011BAB0, "exfat", false),
        new(0x5346544E, "ntfs", false),
        new(0x73717368, "squashfs", false),
        new(0x9660, "iso9660", false),
        new(0x15013346, "udf", false),
    ];

    private static readonly Dictionary<long, FileSystemType> ByMagic = All.ToDictionary(t => t.Magic);

    /// <summary>The type of a magic number; an unknown one is named by its number and taken as local.</summary>
    public static FileSystemType FromMagic(long magic)
    {
        // f_type is a 32-bit value in a signed long: drop any sign extension.
        var key = magic & 0xFFFFFFFF;
        return ByMagic.TryGetValue(key, out var known) ? known : new FileSystemType(key, "0x" + key.ToString("X", CultureInfo.InvariantCulture), false);
    }

    /// <summary>The type of the filesystem that holds the path, or null where statfs fails or the platform has none.</summary>
    public static unsafe FileSystemType? Of(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!OperatingSystem.IsLinux() || !Environment.Is64BitProcess)
        {
            return null;
        }

        var buffer = stackalloc byte[BufferSize];
        return StatFs(path, buffer) == 0 ? FromMagic(*(long*)buffer) : null;
    }

    [LibraryImport("libc", EntryPoint = "statfs", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int StatFs(string path, byte* buffer);
}
