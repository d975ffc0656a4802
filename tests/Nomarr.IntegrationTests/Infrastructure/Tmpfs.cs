namespace Nomarr.IntegrationTests.Infrastructure;

/// <summary>
/// A small tmpfs of its own (mount -t tmpfs, which needs root): a disk that fills up, or that can be
/// made read-only, under a database. Unmounted and removed on dispose.
/// </summary>
public sealed class Tmpfs : IDisposable
{
    private Tmpfs(string path) => Path = path;

    public string Path { get; }

    /// <summary>Mounts one of <paramref name="size"/> ("600k", "64m"); null, with the reason, where mounting is refused.</summary>
    public static Tmpfs? TryMount(string size, out string reason)
    {
        var path = Directory.CreateTempSubdirectory("nomarr-tmpfs-").FullName;
        try
        {
            Posix.Run("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=1777", "tmpfs", path);
            reason = string.Empty;
            return new Tmpfs(path);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            Directory.Delete(path);
            reason = "mount -t tmpfs is refused here (it needs root): " + ex.Message.Trim();
            return null;
        }
    }

    /// <summary>A tmpfs, or a skip with one line outside CI; under CI (CI=true) a refused mount fails the test.</summary>
    public static Tmpfs Mount(string size)
    {
        var mounted = TryMount(size, out var reason);
        if (mounted is null && string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(reason);
        }

        Skip.If(mounted is null, reason);
        return mounted!;
    }

    public void Remount(string options) => Posix.Run("mount", "-o", "remount," + options, Path);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Posix.Run("umount", "-l", Path);
        Directory.Delete(Path);
    }
}
