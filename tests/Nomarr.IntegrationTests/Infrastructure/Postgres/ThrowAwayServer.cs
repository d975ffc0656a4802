using System.Diagnostics;
using System.Globalization;

namespace Nomarr.IntegrationTests.Infrastructure.Postgres;

/// <summary>Starts Debian's PostgreSQL in a temporary folder for one test run (see <see cref="PostgresServer"/>).</summary>
internal static class ThrowAwayServer
{
    private const string Superuser = "nomarr";

    public static async Task<string> StartAsync(CancellationToken cancellationToken)
    {
        var bin = FindBinaries() ?? throw new InvalidOperationException("initdb not found: install Debian's postgresql package (scripts/install-test-deps.sh)");
        var user = IsRoot() ? RunAsUser() : null;
        var folder = Path.Combine(Path.GetTempPath(), "nomarr-pg-" + Guid.NewGuid().ToString("N")[..12]);
        var data = Path.Combine(folder, "data");
        Directory.CreateDirectory(folder);
        if (user is not null)
        {
            await RunAsync("chown", null, [user, folder], cancellationToken);
        }

        await RunAsync(Path.Combine(bin, "initdb"), user,
            ["-D", data, "-U", Superuser, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync", "--no-instructions"], cancellationToken);

        var port = 0;
        string? lastError = null;
        for (var attempt = 0; attempt < 3 && port == 0; attempt++)
        {
            var candidate = PostgresServer.FreePort();
            var options = string.Join(' ',
                $"-c listen_addresses=127.0.0.1 -p {candidate.ToString(CultureInfo.InvariantCulture)} -k {folder}",
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=64MB");
            try
            {
                await RunAsync(Path.Combine(bin, "pg_ctl"), user,
                    ["-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "-o", options, "start"], cancellationToken);
                port = candidate;
            }
            catch (InvalidOperationException ex)
            {
                lastError = ex.Message + " " + TailOfLog(folder);
            }
        }

        if (port == 0)
        {
            throw new InvalidOperationException("pg_ctl start failed: " + lastError);
        }

        StartWatchdog(bin, data, folder, user);
        return $"Host=127.0.0.1;Port={port.ToString(CultureInfo.InvariantCulture)};Username={Superuser};Database=postgres;Timeout=30;Command Timeout=120";
    }

    private static string? FindBinaries()
    {
        if (!Directory.Exists("/usr/lib/postgresql"))
        {
            return null;
        }

        return Directory.GetDirectories("/usr/lib/postgresql")
            .Select(d => Path.Combine(d, "bin"))
            .Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")))
            .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0)
            .FirstOrDefault();
    }

    private static bool IsRoot() => File.Exists("/proc/self/status") &&
        File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal))?.Split('\t', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1) == "0";

    // The package's own account when it exists, else nobody.
    private static string RunAsUser() => File.ReadLines("/etc/passwd").Any(l => l.StartsWith("postgres:", StringComparison.Ordinal)) ? "postgres" : "nobody";

    /// <summary>
    /// A shell that waits for this process to end, then stops the server and deletes its folder: the
    /// server never outlives the test run, even when the run is killed.
    /// </summary>
    private static void StartWatchdog(string bin, string data, string folder, string? user)
    {
        var asUser = user is null ? string.Empty : $"runuser -u {user} -- ";
        var script =
            $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; " +
            $"{asUser}'{bin}/pg_ctl' -D '{data}' -m immediate stop >/dev/null 2>&1; rm -rf '{folder}'";
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false, RedirectStandardInput = false };
        start.ArgumentList.Add("sh");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        using var watchdog = Process.Start(start) ?? throw new InvalidOperationException("could not start the PostgreSQL watchdog");
    }

    private static string TailOfLog(string folder)
    {
        var log = Path.Combine(folder, "server.log");
        return File.Exists(log) ? string.Join(" | ", File.ReadLines(log).TakeLast(3)) : string.Empty;
    }

    private static async Task RunAsync(string executable, string? user, string[] args, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(user is null ? executable : "runuser")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (user is not null)
        {
            foreach (var prefix in (string[])["-u", user, "--", executable])
            {
                start.ArgumentList.Add(prefix);
            }
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Path.GetFileName(executable)} did not finish in time");
        }

        if (process.ExitCode != 0)
        {
            var error = (await stderr).Trim();
            throw new InvalidOperationException($"{Path.GetFileName(executable)} exited with {process.ExitCode}: {(error.Length > 0 ? error : (await stdout).Trim())}");
        }
    }
}
