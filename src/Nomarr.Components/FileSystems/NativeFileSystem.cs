using System.Runtime.InteropServices;

namespace Nomarr.Components.FileSystems;

/// <summary>
/// realpath(3) and statfs(2) from libc: .NET resolves only the last link of a path and does not say
/// which filesystem a folder is on. On 64-bit Linux (x86-64 and arm64 alike) struct statfs begins
/// with f_type as a 64-bit field, so only that is read from a buffer larger than the struct.
/// </summary>
internal static partial class NativeFileSystem
{
    private const int StatfsBufferSize = 256;

    [LibraryImport("libc", EntryPoint = "realpath", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint RealPath(string path, nint resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void Free(nint pointer);

    [LibraryImport("libc", EntryPoint = "statfs", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Statfs(string path, byte* buffer);

    /// <summary>The path with every link resolved, or null when it does not exist or cannot be reached.</summary>
    public static string? Resolve(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return Path.Exists(path) ? Path.GetFullPath(path) : null;
        }

        var resolved = RealPath(path, 0);
        if (resolved == 0)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            Free(resolved);
        }
    }

    /// <summary>The filesystem's magic number (f_type), or null when it cannot be told.</summary>
    public static unsafe long? FileSystemType(string path)
    {
        if (!OperatingSystem.IsLinux() || !Environment.Is64BitProcess)
        {
            return null;
        }

        var buffer = stackalloc byte[StatfsBufferSize];
        return Statfs(path, buffer) == 0 ? *(long*)buffer : null;
    }
}
