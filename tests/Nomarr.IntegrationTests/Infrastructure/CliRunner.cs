using System.Diagnostics;
using System.Text.Json;

namespace Nomarr.IntegrationTests.Infrastructure;

/// <summary>Runs the real `nomarr` executable, as a user would, against a given database file.</summary>
public sealed class CliRunner(string databasePath)
{
    private static readonly string Executable = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "nomarr.exe" : "nomarr");

    /// <summary>More environment variables for the process (XDG_DATA_HOME, NOMARR_*).</summary>
    public Dictionary<string, string> Environment { get; } = [];

    public async Task<CliResult> RunAsync(params string[] args)
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
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}

public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public JsonElement Json() => JsonDocument.Parse(Stdout).RootElement;
}
