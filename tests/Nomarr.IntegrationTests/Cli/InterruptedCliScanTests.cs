using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Nomarr.IntegrationTests.Infrastructure;

namespace Nomarr.IntegrationTests.Cli;

/// <summary>The real `nomarr scan` process stopped with Ctrl-C (SIGINT) in the middle of a scan.</summary>
public sealed class InterruptedCliScanTests : IDisposable
{
    private const int Files = 3000;
    private static readonly string Executable = Path.Combine(AppContext.BaseDirectory, "nomarr");

    private readonly TempLibrary _disk = new();
    private readonly TempDatabase _database = new();

    public void Dispose()
    {
        _database.Dispose();
        _disk.Dispose();
    }

    [Fact]
    public async Task CtrlCStopsTheScanAtItsNextBatchKeepsWhatItWroteAndRecordsItCancelled()
    {
        var audio = File.ReadAllBytes(TempLibrary.Fixture(".mp3"));
        for (var i = 0; i < Files; i++)
        {
            _disk.Write($"{i / 100}/{i:0000}.mp3", audio);
        }

        var cli = new CliRunner(_database.Path);
        var id = (await cli.RunAsync("library", "add", _disk.Root, "--json")).Json().GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture);
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "scan", id, "--json", "--set", "Scanner:BatchSize=1", "--set", "Scanner:Parallelism=1" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["NOMARR_DB"] = _database.Path;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        // Some files written, thousands of transactions still to go: the middle of the scan.
        while (await CountAsync("SELECT COUNT(*) FROM library_files") < 5)
        {
            await Task.Delay(5, timeout.Token);
        }

        using (var interrupt = Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await interrupt.WaitForExitAsync(timeout.Token);
        }

        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(130, process.ExitCode);
        Assert.Contains("Cancelled.", await stderr, StringComparison.Ordinal);
        Assert.Equal("cancelled", await ScalarAsync("SELECT status FROM scan_runs ORDER BY id DESC LIMIT 1"));
        Assert.InRange(await CountAsync("SELECT COUNT(*) FROM library_files"), 5, Files - 1);
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM library_files WHERE valid = 0"));
    }

    private async Task<long> CountAsync(string sql) => Convert.ToInt64(await ScalarAsync(sql), CultureInfo.InvariantCulture);

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection(
            new SqliteConnectionStringBuilder { DataSource = _database.Path, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 30 }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
