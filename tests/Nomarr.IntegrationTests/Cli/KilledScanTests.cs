using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Nomarr.IntegrationTests.Infrastructure;

namespace Nomarr.IntegrationTests.Cli;

/// <summary>The real `nomarr` process, killed with SIGKILL half-way through a large scan.</summary>
public sealed class KilledScanTests : IDisposable
{
    private const int Folders = 30;
    private const int FilesPerFolder = 100;
    private static readonly string Executable = Path.Combine(AppContext.BaseDirectory, "nomarr");
    private static readonly string[] Formats = [".mp3", ".flac", ".ogg", ".opus", ".m4a"];

    private readonly TempLibrary _disk = new();
    private readonly string _killedDb = TempDatabase();
    private readonly string _cleanDb = TempDatabase();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _disk.Dispose();
        foreach (var db in new[] { _killedDb, _cleanDb })
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(db + suffix);
            }
        }
    }

    [Fact]
    public async Task AScanKilledMidwayIsResumedAndEndsWithTheDatabaseOfAnUninterruptedScan()
    {
        for (var folder = 0; folder < Folders; folder++)
        {
            var path = _disk.FullPath($"Artist {folder:00}");
            Directory.CreateDirectory(path);
            for (var i = 0; i < FilesPerFolder; i++)
            {
                var format = Formats[i % Formats.Length];
                File.Copy(TempLibrary.Fixture(format), Path.Combine(path, $"{i:000}{format}"));
            }
        }

        var killed = new CliRunner(_killedDb);
        var id = (await killed.RunAsync("library", "add", _disk.Root, "--json")).Json().GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture);
        var killedRun = await StartAndKillMidScanAsync(id);

        var resumed = await killed.RunAsync("scan", id, "--json");
        var clean = new CliRunner(_cleanDb);
        await clean.RunAsync("library", "add", _disk.Root);
        var uninterrupted = await clean.RunAsync("scan", id, "--json");

        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.Equal(killedRun, resumed.Json().GetProperty("resumed_from").GetInt64());
        Assert.Equal(0, uninterrupted.ExitCode);
        Assert.Equal("resumed", await ScalarAsync(_killedDb, $"SELECT status FROM scan_runs WHERE id = {killedRun}"));
        var expected = await FilesAsync(_cleanDb);
        Assert.Equal(Folders * FilesPerFolder, expected.Count);
        Assert.Equal(expected, await FilesAsync(_killedDb));
    }

    /// <summary>Starts a scan, waits until its run is recorded and some files are written, kills it; returns the run's id.</summary>
    private async Task<long> StartAndKillMidScanAsync(string libraryId)
    {
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "scan", libraryId, "--json", "--verbose", "--set", "Scanner:Parallelism=1", "--set", "Scanner:BatchSize=20" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["NOMARR_DB"] = _killedDb;
        using var process = Process.Start(start)!;
        var started = new TaskCompletionSource();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("started", StringComparison.Ordinal) == true)
            {
                started.TrySetResult();
            }
        };
        process.BeginErrorReadLine();
        _ = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await started.Task.WaitAsync(timeout.Token);

        // Some batches written, far from all of them: the middle of the scan.
        while (Convert.ToInt64(await ScalarAsync(_killedDb, "SELECT COUNT(*) FROM library_files"), CultureInfo.InvariantCulture) < 100)
        {
            await Task.Delay(5, timeout.Token);
        }

        process.Kill();
        await process.WaitForExitAsync(timeout.Token);

        var written = Convert.ToInt64(await ScalarAsync(_killedDb, "SELECT COUNT(*) FROM library_files"), CultureInfo.InvariantCulture);
        Assert.InRange(written, 100, (Folders * FilesPerFolder) - 1);
        Assert.Equal("running", await ScalarAsync(_killedDb, "SELECT status FROM scan_runs ORDER BY id DESC LIMIT 1"));
        return Convert.ToInt64(await ScalarAsync(_killedDb, "SELECT MAX(id) FROM scan_runs"), CultureInfo.InvariantCulture);
    }

    private static async Task<List<string>> FilesAsync(string database)
    {
        await using var connection = Open(database);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT normalized_path, size, mtime, title, artist, album, track, duration, bitrate, sample_rate, channels, codec, valid, " +
            "read_error, audio_id, device, inode, missing_since IS NULL FROM library_files ORDER BY normalized_path;";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
        }

        return rows;
    }

    private static async Task<object?> ScalarAsync(string database, string sql)
    {
        await using var connection = Open(database);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private static SqliteConnection Open(string database) =>
        new(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 30 }.ToString());

    private static string TempDatabase() => Path.Combine(Path.GetTempPath(), "nomarr-kill-" + Guid.NewGuid().ToString("N") + ".db");
}
