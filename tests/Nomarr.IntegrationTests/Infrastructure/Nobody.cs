using System.Diagnostics;

namespace Nomarr.IntegrationTests.Infrastructure;

/// <summary>
/// Runs the real `nomarr` as the unprivileged user nobody (through setpriv): root reads and writes
/// everything, so permission faults are only real for another user.
/// </summary>
public sealed class Nobody(string home, string databasePath)
{
    public const int Id = 65534;
    private static readonly string Executable = Path.Combine(AppContext.BaseDirectory, "nomarr");

    private static readonly Lazy<bool> CanRunNomarr = new(() =>
    {
        if (Environment.UserName != "root" || !File.Exists("/usr/bin/setpriv"))
        {
            return false;
        }

        // The build output may sit in a folder that nobody cannot enter (a home folder, say).
        var start = Start(Path.GetTempPath(), "--help");
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0;
    });

    public static bool CanRun => CanRunNomarr.Value;

    public const string CannotRun = "needs root and setpriv to run nomarr as an unprivileged user";

    public async Task<CliResult> RunAsync(params string[] args)
    {
        var start = Start(home, args);
        start.Environment["NOMARR_DB"] = databasePath;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    private static ProcessStartInfo Start(string home, params string[] args)
    {
        var start = new ProcessStartInfo("/usr/bin/setpriv")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = home,
        };
        foreach (var arg in new[] { $"--reuid={Id}", $"--regid={Id}", "--clear-groups", "--", Executable }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["HOME"] = home;
        return start;
    }
}
