using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Nomarr.IntegrationTests.Infrastructure;

namespace Nomarr.IntegrationTests.Cli;

/// <summary>Two real `nomarr scan` processes on one library, let loose at the same moment.</summary>
public sealed class ConcurrentCliScanTests : IDisposable
{
    private const int Files = 150;
    private static readonly string Executable = Path.Combine(AppContext.BaseDirectory, "nomarr");
    private static readonly string[] Formats = [".mp3", ".flac", ".ogg", ".opus", ".m4a"];

    private readonly TempLibrary _disk = new();
    private readonly string _database = Path.Combine(Path.GetTempPath(), "nomarr-two-" + Guid.NewGuid().ToString("N") + ".db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _disk.Dispose();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_database + suffix);
        }
    }

    [Fact]
    public async Task TwoScansStartedTogetherScanOnceAndNeverRunTwoRuns()
    {
        for (var i = 0; i < Files; i++)
        {
            var format = Formats[i % Formats.Length];
            File.Copy(TempLibrary.Fixture(format), _disk.FullPath($"{i:000}{format}"));
        }

        Assert.Equal(0, (await new CliRunner(_database).RunAsync("library", "add", _disk.Root)).ExitCode);

        // Both processes start while another connection holds the write lock, so both wait at their
        // first write (once they have the database open) and race for the library the moment it is released.
        Task<CliResult> first, second;
        var running = new List<long>();
        await using (await DatabaseWriteLock.TakeAsync(_database))
        {
            var a = Start();
            var b = Start();
            await WatchedHost.WaitForAsync(() => Task.FromResult(HasOpen(a.Process) && HasOpen(b.Process) ? "open" : null), "both scans to open the database");
            (first, second) = (a.Result, b.Result);
        }

        while (!first.IsCompleted || !second.IsCompleted)
        {
            running.Add(await CountAsync("SELECT COUNT(*) FROM scan_runs WHERE status = 'running'"));
            await Task.WhenAny(Task.WhenAll(first, second), Task.Delay(20));
        }

        var results = new[] { await first, await second };
        var scanned = results.Where(r => r.ExitCode == 0 && r.Json().GetProperty("files_added").GetInt32() == Files).ToList();
        var other = Assert.Single(results.Except(scanned));

        Assert.Single(scanned);
        Assert.NotEmpty(running);
        Assert.All(running, count => Assert.InRange(count, 0, 1));
        if (other.ExitCode == 0)
        {
            // It waited for the first to finish and found nothing to do.
            Assert.Equal((0, Files), (other.Json().GetProperty("files_added").GetInt32(), other.Json().GetProperty("files_unchanged").GetInt32()));
        }
        else
        {
            var message = other.Stderr.Trim();
            Assert.DoesNotContain('\n', message);
            Assert.Equal("nomarr: A scan of library 1 is already running.", message);
        }

        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM scan_runs WHERE status = 'running'"));
        Assert.Equal(Files, await CountAsync("SELECT COUNT(*) FROM library_files"));
    }

    private (Process Process, Task<CliResult> Result) Start()
    {
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "scan", "1", "--json", "--set", "Scanner:Parallelism=1", "--set", "Scanner:BatchSize=10" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["NOMARR_DB"] = _database;
        var process = Process.Start(start)!;
        return (process, WaitAsync(process));
    }

    private static async Task<CliResult> WaitAsync(Process process)
    {
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
            return new CliResult(process.ExitCode, await stdout, await stderr);
        }
    }

    /// <summary>True once the process has the database file open (Linux: a link in /proc/PID/fd).</summary>
    private bool HasOpen(Process process)
    {
        try
        {
            return new DirectoryInfo($"/proc/{process.Id}/fd").EnumerateFileSystemInfos().Any(fd => fd.LinkTarget == _database);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // Exited already, or a descriptor closed while it was listed: not open (yet).
            return false;
        }
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new SqliteConnection(
            new SqliteConnectionStringBuilder { DataSource = _database, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 30 }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
