using System.Diagnostics;

namespace Nomarr.IntegrationTests.Infrastructure;

/// <summary>
/// A folder mirrored through a FUSE filesystem (Watching/hanging_fs.py, on Debian's python3-fusepy,
/// installed by scripts/install-test-deps.sh) that can be told to stop answering: every stat, listing and
/// read then waits in the kernel, uninterruptibly, as on a network share whose server went away.
/// </summary>
public sealed class HangingMount : IDisposable
{
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "Watching", "hanging_fs.py");
    private readonly Process _daemon;
    private readonly string _switch;

    private HangingMount(Process daemon, string mountPoint, string @switch)
    {
        _daemon = daemon;
        MountPoint = mountPoint;
        _switch = @switch;
    }

    /// <summary>Where the mirrored folder is seen.</summary>
    public string MountPoint { get; }

    /// <summary>Why a mount cannot be made here, or null when it can (root, /dev/fuse, python3-fusepy).</summary>
    public static string? Unavailable =>
        Environment.UserName != "root" ? "needs root to mount a FUSE filesystem"
        : !File.Exists("/dev/fuse") ? "needs /dev/fuse"
        : !File.Exists("/usr/lib/python3/dist-packages/fusepy.py") ? "needs python3-fusepy (scripts/install-test-deps.sh installs it)"
        : null;

    public static async Task<HangingMount> MountAsync(string source)
    {
        var mountPoint = Directory.CreateTempSubdirectory("nomarr-fuse-").FullName;
        var @switch = mountPoint + ".hang";
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Script, source, mountPoint, @switch })
        {
            start.ArgumentList.Add(arg);
        }

        var daemon = Process.Start(start)!;
        daemon.OutputDataReceived += (_, _) => { };
        daemon.ErrorDataReceived += (_, _) => { };
        daemon.BeginOutputReadLine();
        daemon.BeginErrorReadLine();
        var mount = new HangingMount(daemon, mountPoint, @switch);
        var waited = Stopwatch.StartNew();
        while (!File.ReadAllText("/proc/mounts").Contains(" " + mountPoint + " ", StringComparison.Ordinal))
        {
            if (daemon.HasExited || waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                mount.Dispose();
                throw new InvalidOperationException("the FUSE filesystem did not mount at " + mountPoint);
            }

            await Task.Delay(50);
        }

        return mount;
    }

    /// <summary>From now on every call into the mount waits.</summary>
    public void Hang() => File.WriteAllText(_switch, string.Empty);

    /// <summary>The waiting calls go on, and new ones are answered.</summary>
    public void Answer() => File.Delete(_switch);

    public void Dispose()
    {
        Answer();
        try
        {
            Posix.Run("umount", "-l", MountPoint);
        }
        catch (InvalidOperationException)
        {
            // Not mounted (the daemon never started, or ended on its own).
        }

        if (!_daemon.WaitForExit(10_000))
        {
            _daemon.Kill();
            _daemon.WaitForExit();
        }

        _daemon.Dispose();
        Directory.Delete(MountPoint);
    }
}
