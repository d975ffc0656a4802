using System.Runtime.InteropServices;

namespace Nomarr.Components.Identity;

/// <summary>
/// stat(2) from libc. .NET exposes no inode, and on 64-bit Linux (x86-64 and arm64 alike) struct
/// stat begins with st_dev and st_ino as two 64-bit fields, so only those are read from a buffer
/// comfortably larger than the struct.
/// </summary>
internal static partial class NativeStat
{
    private const int BufferSize = 256;
    private const int ENOENT = 2;
    private const int ENOTDIR = 20;

    [LibraryImport("libc", EntryPoint = "stat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Stat(string path, byte* buffer);

    /// <summary>Device and inode of the path (links followed), or the errno of the failure.</summary>
    public static unsafe (long Device, long Inode, int Errno) Of(string path)
    {
        if (!OperatingSystem.IsLinux() || !Environment.Is64BitProcess)
        {
            return (0, 0, -1);
        }

        var buffer = stackalloc byte[BufferSize];
        if (Stat(path, buffer) != 0)
        {
            return (0, 0, Marshal.GetLastPInvokeError());
        }

        return (*(long*)buffer, *(long*)(buffer + 8), 0);
    }

    public static bool IsNotFound(int errno) => errno is ENOENT or ENOTDIR;
}
