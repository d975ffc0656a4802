using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Nomarr.Components.Reading;

/// <summary>
/// open(2) and statx(2) from libc. .NET opens files with a blocking open(), which waits for ever for
/// a writer on a FIFO, and exposes neither the file type nor the inode. statx is used for its layout,
/// which, unlike struct stat's, is the same on every Linux architecture (linux/stat.h).
/// </summary>
internal static partial class NativeFile
{
    private const int OpenReadOnly = 0;
    private const int OpenNoControllingTerminal = 0x100;
    private const int OpenNonBlocking = 0x800;
    private const int OpenCloseOnExec = 0x80000;
    private const int AtCurrentDirectory = -100;
    private const int AtEmptyPath = 0x1000;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7ff;
    private const int StatxSize = 256;
    private const int EINTR = 4;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Statx(int directoryFd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", EntryPoint = "realpath", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr RealPathNative(string path, IntPtr resolved);

    [LibraryImport("libc", EntryPoint = "opendir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr OpenDirectory(string path);

    [LibraryImport("libc", EntryPoint = "readdir", SetLastError = true)]
    private static partial IntPtr ReadDirectory(IntPtr directory);

    [LibraryImport("libc", EntryPoint = "closedir")]
    private static partial int CloseDirectory(IntPtr directory);

    public static bool IsSupported => OperatingSystem.IsLinux();

    /// <summary>
    /// The raw bytes of the names in a folder that are not valid UTF-8 (Linux allows any bytes but '/'
    /// and NUL; .NET lists such a name with U+FFFD in place of the bad bytes, a path that opens nothing).
    /// </summary>
    public static unsafe List<byte[]> NonUtf8Names(string folder)
    {
        var names = new List<byte[]>();
        if (!IsSupported)
        {
            return names;
        }

        var directory = OpenDirectory(folder);
        if (directory == IntPtr.Zero)
        {
            return names;
        }

        try
        {
            // struct dirent of 64-bit glibc: d_ino (8), d_off (8), d_reclen (2), d_type (1), then d_name.
            while (ReadDirectory(directory) is var entry && entry != IntPtr.Zero)
            {
                var name = new ReadOnlySpan<byte>((byte*)entry + 19, 256);
                name = name[..name.IndexOf((byte)0)];
                if (!System.Text.Unicode.Utf8.IsValid(name))
                {
                    names.Add(name.ToArray());
                }
            }
        }
        finally
        {
            _ = CloseDirectory(directory);
        }

        return names;
    }

    /// <summary>The path with every link resolved (realpath(3)), or null when it cannot be resolved.</summary>
    public static unsafe string? RealPath(string path)
    {
        if (!IsSupported)
        {
            return Path.GetFullPath(path);
        }

        var resolved = RealPathNative(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            NativeMemory.Free((void*)resolved);
        }
    }

    /// <summary>
    /// Opens the path for reading without blocking (O_NONBLOCK: a FIFO without a writer opens at once
    /// instead of waiting, and no device becomes the controlling terminal). Returns the errno on failure.
    /// </summary>
    public static (SafeFileHandle? Handle, int Errno) OpenForReading(string path)
    {
        while (true)
        {
            var fd = Open(path, OpenReadOnly | OpenNonBlocking | OpenCloseOnExec | OpenNoControllingTerminal);
            if (fd >= 0)
            {
                return (new SafeFileHandle(fd, ownsHandle: true), 0);
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno != EINTR)
            {
                return (null, errno);
            }
        }
    }

    /// <summary>The status of the path (links followed unless <paramref name="followLinks"/> is false), or the errno.</summary>
    public static unsafe (FileStatus Status, int Errno) StatPath(string path, bool followLinks = true)
    {
        var buffer = stackalloc byte[StatxSize];
        return Statx(AtCurrentDirectory, path, followLinks ? 0 : AtSymlinkNoFollow, StatxBasicStats, buffer) == 0
            ? (Decode(buffer), 0)
            : (default, Marshal.GetLastPInvokeError());
    }

    /// <summary>fstat of an open file, through statx on its descriptor.</summary>
    public static unsafe (FileStatus Status, int Errno) StatHandle(SafeFileHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        var buffer = stackalloc byte[StatxSize];
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            return Statx((int)handle.DangerousGetHandle(), string.Empty, AtEmptyPath, StatxBasicStats, buffer) == 0
                ? (Decode(buffer), 0)
                : (default, Marshal.GetLastPInvokeError());
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    private static unsafe FileStatus Decode(byte* b)
    {
        var mode = *(ushort*)(b + 28);
        var inode = *(long*)(b + 32);
        var size = *(long*)(b + 40);
        var mtime = (*(long*)(b + 112) * 1_000_000_000L) + *(uint*)(b + 120);
        var device = MakeDevice(*(uint*)(b + 136), *(uint*)(b + 140));
        return new FileStatus(KindOf(mode), device, inode, size, mtime);
    }

    // glibc's makedev, so that the device matches what stat(2) reports as st_dev.
    private static long MakeDevice(uint major, uint minor) =>
        (long)(((ulong)(major & 0x00000fff) << 8) | ((ulong)(major & 0xfffff000) << 32) | (minor & 0x000000ff) | ((ulong)(minor & 0xffffff00) << 12));

    private static FileKind KindOf(ushort mode) => (mode & 0xF000) switch
    {
        0x8000 => FileKind.Regular,
        0x4000 => FileKind.Directory,
        0x1000 => FileKind.Fifo,
        0xC000 => FileKind.Socket,
        0x2000 => FileKind.CharacterDevice,
        0x6000 => FileKind.BlockDevice,
        0xA000 => FileKind.SymbolicLink,
        _ => FileKind.Unknown,
    };
}
