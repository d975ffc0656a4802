using System.Diagnostics;
using System.Text.Json;

namespace Nomarr.IntegrationTests.Infrastructure;

/// <summary>Runs the real `nomarr` executable, as a user would, against a given database file.</summary>
public sealed class CliRunner(string databasePath)
{
    private static readonly string Executable = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "nomarr.exe" : "nomarr");

    /// <summary>More environment variables for the process (XDG_DATA_HOME, NOMARR_*).</summary>
    public Dictionary<string, string> Environment { get; } = [];

    public async Task<CliResult> RunAsync(params string[] args) => (await RunMeasuredAsync(TimeSpan.FromMinutes(2), args)).Result;

    /// <summary>
    /// Runs the command and samples its peak resident memory (VmHWM of /proc/PID/status, the kernel's
    /// high-water mark, read until the process ends; 0 where /proc is not there).
    /// </summary>
    public async Task<(CliResult Result, long PeakBytes)> RunMeasuredAsync(TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["NOMARR_DB"] = databasePath;
        foreach (var (name, value) in Environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        var exited = process.WaitForExitAsync(deadline.Token);
        var peak = 0L;
        while (!exited.IsCompleted)
        {
            peak = Math.Max(peak, PeakOf(process.Id));
            await Task.WhenAny(exited, Task.Delay(50, deadline.Token));
        }

        await exited;
        return (new CliResult(process.ExitCode, await stdout, await stderr), peak);
    }

    private static long PeakOf(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}

public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public JsonElement Json() => JsonDocument.Parse(Stdout).RootElement;
}
