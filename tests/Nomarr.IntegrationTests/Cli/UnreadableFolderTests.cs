using System.Diagnostics;
using System.Runtime.Versioning;
using Nomarr.IntegrationTests.Infrastructure;

namespace Nomarr.IntegrationTests.Cli;

/// <summary>
/// Folders a scan cannot read. Root reads everything, so the real `nomarr` runs here as the
/// unprivileged user nobody (through setpriv), for whom a folder with mode 000 is unreadable.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class UnreadableFolderTests : IDisposable
{
    private const int Nobody = 65534;
    private static readonly string Executable = Path.Combine(AppContext.BaseDirectory, "nomarr");
    private readonly TempLibrary _disk = new();
    private readonly string _home = Directory.CreateTempSubdirectory("nomarr-nobody-").FullName;

    public UnreadableFolderTests() => File.SetUnixFileMode(_home, (UnixFileMode)0x1FF);

    public void Dispose()
    {
        foreach (var folder in Directory.GetDirectories(_disk.Root, "*", SearchOption.AllDirectories).Append(_disk.Root))
        {
            File.SetUnixFileMode(folder, (UnixFileMode)0x1ED);
        }

        _disk.Dispose();
        Directory.Delete(_home, recursive: true);
    }

    [SkippableFact]
    public async Task AFolderThatCannotBeReadIsReportedAndItsFilesAreNotMarkedMissing()
    {
        Skip.IfNot(CanRunAsNobody(), "needs root and setpriv to run nomarr as an unprivileged user");
        _disk.AddTrack("A/1.mp3");
        _disk.AddTrack("B/2.mp3");
        await RunAsNobodyAsync("library", "add", _disk.Root, "--name", "Music");
        var first = await RunAsNobodyAsync("scan", "Music", "--json");

        File.SetUnixFileMode(_disk.FullPath("B"), UnixFileMode.None);
        var second = await RunAsNobodyAsync("scan", "Music", "--json");
        var missing = await RunAsNobodyAsync("files", "--missing", "--json");

        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Equal(2, first.Json().GetProperty("files_added").GetInt32());
        Assert.True(second.ExitCode == 0, second.Stderr);
        var result = second.Json();
        Assert.Equal(0, result.GetProperty("files_missing").GetInt32());
        Assert.Equal("B", Assert.Single(result.GetProperty("unreadable_folders").EnumerateArray()).GetString());
        Assert.Equal(0, missing.Json().GetArrayLength());
    }

    [SkippableFact]
    public async Task ALibraryRootThatCannotBeReadFailsTheScanClearly()
    {
        Skip.IfNot(CanRunAsNobody(), "needs root and setpriv to run nomarr as an unprivileged user");
        _disk.AddTrack("A/1.mp3");
        await RunAsNobodyAsync("library", "add", _disk.Root, "--name", "Music");
        await RunAsNobodyAsync("scan", "Music", "--json");

        File.SetUnixFileMode(_disk.Root, UnixFileMode.None);
        var scan = await RunAsNobodyAsync("scan", "Music", "--json");
        File.SetUnixFileMode(_disk.Root, (UnixFileMode)0x1ED);
        var missing = await RunAsNobodyAsync("files", "--missing", "--json");

        Assert.Equal(1, scan.ExitCode);
        Assert.Contains("cannot be read", scan.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, missing.Json().GetArrayLength());
    }

    private static readonly Lazy<bool> NobodyCanRunNomarr = new(() =>
    {
        if (Environment.UserName != "root" || !File.Exists("/usr/bin/setpriv"))
        {
            return false;
        }

        // The build output may sit in a folder that nobody cannot enter (a home folder, say).
        var start = new ProcessStartInfo("/usr/bin/setpriv") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { $"--reuid={Nobody}", $"--regid={Nobody}", "--clear-groups", "--", Executable, "--help" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["HOME"] = Path.GetTempPath();
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0;
    });

    private static bool CanRunAsNobody() => NobodyCanRunNomarr.Value;

    private async Task<CliResult> RunAsNobodyAsync(params string[] args)
    {
        var start = new ProcessStartInfo("/usr/bin/setpriv")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _home,
        };
        foreach (var arg in new[] { $"--reuid={Nobody}", $"--regid={Nobody}", "--clear-groups", "--", Executable }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["HOME"] = _home;
        start.Environment["NOMARR_DB"] = Path.Combine(_home, "nomarr.db");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
