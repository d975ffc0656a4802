using System.Runtime.InteropServices;

namespace Nomarr.Components.FileSystems;

/// <summary>realpath(3) from libc: .NET resolves only the last link of a path.</summary>
internal static partial class NativeFileSystem
{
    [LibraryImport("libc", EntryPoint = "realpath", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint RealPath(string path, nint resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void Free(nint pointer);

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
}
