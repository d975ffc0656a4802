using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Nomarr.IntegrationTests.Infrastructure;

namespace Nomarr.IntegrationTests.Cli;

/// <summary>
/// A real `nomarr scan` killed with SIGKILL at each step of its completion: while it writes its last
/// batch, inside its completion (all files written, the completion waiting for the database), and once
/// it has completed. Another connection holding SQLite's write lock pins the scan where it is; no hook
/// in the product. The run is either completed with its counts or, at the next scan, interrupted and
/// resumed: never running for ever, and the library's state always agrees with its run.
/// </summary>
public sealed class CompletionKillTests : IDisposable
{
    private const int Files = 200;
    private const int BatchSize = 20;
    private static readonly string Executable = Path.Combine(AppContext.BaseDirectory, "nomarr");
    private static readonly string[] Formats = [".mp3", ".flac", ".ogg", ".opus", ".m4a"];

    private readonly TempLibrary _disk = new();
    private readonly List<string> _databases = [];

    public CompletionKillTests()
    {
        for (var i = 0; i < Files; i++)
        {
            var format = Formats[i % Formats.Length];
            var folder = _disk.FullPath($"Artist {i / 50}");
            Directory.CreateDirectory(folder);
            File.Copy(TempLibrary.Fixture(format), Path.Combine(folder, $"{i:000}{format}"));
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _disk.Dispose();
        foreach (var db in _databases)
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(db + suffix);
            }
        }
    }

    [Fact]
    public async Task KilledWhileWritingItsLastBatchesTheRunIsInterruptedAndTheNextScanResumesIt()
    {
        await KillUntilAsync(written => written >= Files - (2 * BatchSize), killed => killed.Written < Files);
    }

    [Fact]
    public async Task KilledInsideItsCompletionTheRunIsEitherCompletedOrInterruptedNeverRunning()
    {
        // The completion is one transaction: killed while it waits for the lock, nothing of it is recorded.
        await KillUntilAsync(written => written == Files, killed => killed.Written == Files);
    }

    /// <summary>
    /// Batches and the completion follow each other closely, so a kill may land later than aimed: a few
    /// attempts make sure the step is reached, and every attempt must leave a consistent run.
    /// </summary>
    private async Task KillUntilAsync(Func<long, bool> aim, Func<Killed, bool> landed)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var database = await NewLibraryAsync();

            var killed = await KillWhenAsync(database, aim, holdLock: true);

            if (killed.Status == "completed")
            {
                await AssertCompletedAsync(database, killed.RunId);
                continue;
            }

            Assert.Equal("running", killed.Status);
            await AssertTheNextScanResumesAsync(database, killed.RunId);
            if (landed(killed))
            {
                return;
            }
        }

        Assert.Fail("No kill landed at the step aimed at.");
    }

    [Fact]
    public async Task KilledJustAfterItsCompletionTheRunStaysCompletedWithItsCounts()
    {
        var database = await NewLibraryAsync();

        var killed = await KillWhenAsync(database, _ => false, holdLock: false, completed: true);

        Assert.Equal("completed", killed.Status);
        await AssertCompletedAsync(database, killed.RunId);
        var next = await new CliRunner(database).RunAsync("scan", "1", "--json");
        Assert.True(next.ExitCode == 0, next.Stderr);
        Assert.True(!next.Json().TryGetProperty("resumed_from", out var resumed) || resumed.ValueKind == System.Text.Json.JsonValueKind.Null);
        Assert.Equal(Files, next.Json().GetProperty("files_unchanged").GetInt32());
    }

    private async Task<string> NewLibraryAsync()
    {
        var database = Path.Combine(Path.GetTempPath(), "nomarr-complete-" + Guid.NewGuid().ToString("N") + ".db");
        _databases.Add(database);
        var added = await new CliRunner(database).RunAsync("library", "add", _disk.Root, "--json");
        Assert.True(added.ExitCode == 0, added.Stderr);
        return database;
    }

    /// <summary>
    /// Runs `nomarr scan 1` and SIGKILLs it once <paramref name="reached"/> holds for the files written
    /// (with the write lock taken first when <paramref name="holdLock"/>), or once its run is completed.
    /// </summary>
    private static async Task<Killed> KillWhenAsync(string database, Func<long, bool> reached, bool holdLock, bool completed = false)
    {
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "scan", "1", "--json", "--set", "Scanner:Parallelism=1", "--set", $"Scanner:BatchSize={BatchSize}" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["NOMARR_DB"] = database;
        using var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        DatabaseWriteLock? writeLock = null;
        try
        {
            while (true)
            {
                timeout.Token.ThrowIfCancellationRequested();
                if (completed ? await ScalarAsync(database, "SELECT status FROM scan_runs ORDER BY id DESC LIMIT 1") as string == "completed" : reached(await WrittenAsync(database)))
                {
                    break;
                }

                await Task.Delay(2, timeout.Token);
            }

            if (holdLock)
            {
                writeLock = await DatabaseWriteLock.TakeAsync(database);
            }

            if (!process.HasExited)
            {
                process.Kill();
            }

            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (writeLock is not null)
            {
                await writeLock.DisposeAsync();
            }
        }

        var runId = Convert.ToInt64(await ScalarAsync(database, "SELECT MAX(id) FROM scan_runs"), CultureInfo.InvariantCulture);
        var status = (string)(await ScalarAsync(database, $"SELECT status FROM scan_runs WHERE id = {runId}"))!;

        // The library's last scan is written by the completion's own transaction, or not at all.
        var lastScan = await ScalarAsync(database, "SELECT last_scan_at FROM libraries WHERE id = 1");
        Assert.Equal(status == "completed", lastScan is string);
        return new Killed(runId, status, await WrittenAsync(database));
    }

    private static async Task AssertCompletedAsync(string database, long runId)
    {
        var result = System.Text.Json.JsonDocument.Parse((string)(await ScalarAsync(database, $"SELECT result FROM scan_runs WHERE id = {runId}"))!).RootElement;
        Assert.Equal(Files, result.GetProperty("files_added").GetInt32());
        Assert.Equal(0L, await ScalarAsync(database, "SELECT COUNT(*) FROM scan_runs WHERE status = 'running'"));
    }

    /// <summary>
    /// The library shows the killed scan interrupted; the next scan takes the library over from the dead process at once, reports the killed run as what
    /// it resumed, marks it resumed, and leaves no run running.
    /// </summary>
    private static async Task AssertTheNextScanResumesAsync(string database, long killedRun)
    {
        // Its process is gone: the library is shown interrupted at once, not scanned by another process.
        var listed = await new CliRunner(database).RunAsync("library", "list");
        Assert.True(listed.ExitCode == 0, listed.Stderr);
        Assert.Contains("interrupted", listed.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("another process", listed.Stdout, StringComparison.Ordinal);

        var next = await new CliRunner(database).RunAsync("scan", "1", "--json");

        Assert.True(next.ExitCode == 0, next.Stderr);
        Assert.Equal(killedRun, next.Json().GetProperty("resumed_from").GetInt64());
        Assert.Equal("resumed", await ScalarAsync(database, $"SELECT status FROM scan_runs WHERE id = {killedRun}"));
        Assert.Equal(0L, await ScalarAsync(database, "SELECT COUNT(*) FROM scan_runs WHERE status = 'running'"));
        Assert.Equal((long)Files, await ScalarAsync(database, "SELECT COUNT(*) FROM library_files WHERE valid = 1 AND missing_since IS NULL"));
    }

    private static async Task<long> WrittenAsync(string database) =>
        Convert.ToInt64(await ScalarAsync(database, "SELECT COUNT(*) FROM library_files"), CultureInfo.InvariantCulture);

    private static async Task<object?> ScalarAsync(string database, string sql)
    {
        await using var connection = new SqliteConnection(
            new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 30 }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private sealed record Killed(long RunId, string Status, long Written);
}
