using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Nomarr.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Nomarr.IntegrationTests.Reliability;

/// <summary>
/// SIGKILL at 25 random points of one rescan's life (walk, reads, writes, moves, missing, completion),
/// each followed by a restart: the database ends as a clean scan of the same change leaves it.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class KillPointTests(ITestOutputHelper output) : IDisposable
{
    private const int KillPoints = 25;
    private static readonly string Executable = Path.Combine(AppContext.BaseDirectory, "nomarr");
    private static readonly string[] Formats = [".mp3", ".flac", ".ogg", ".opus", ".m4a"];
    private readonly TempLibrary _disk = new();
    private readonly string _work = Path.Combine(Path.GetTempPath(), "nomarr-kills-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _disk.Dispose();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task KilledAt25RandomPointsAndRestartedEachTimeTheDatabaseEqualsACleanScans()
    {
        Directory.CreateDirectory(_work);
        AddFolders("Artist", 6, 100);
        var baseline = Path.Combine(_work, "baseline.db");
        var cli = new CliRunner(baseline);
        Assert.Equal(0, (await cli.RunAsync("library", "add", _disk.Root)).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("scan", "1")).ExitCode);
        var baselineMaxId = Convert.ToInt64(await ScalarAsync(baseline, "SELECT MAX(id) FROM library_files"), CultureInfo.InvariantCulture);

        // The change the killed scans make: a moved album, deleted files, new files.
        Directory.Move(_disk.FullPath("Artist 0"), _disk.FullPath("Moved 0"));
        for (var i = 0; i < 40; i++)
        {
            _disk.Delete($"Artist 1/{i:000}{Formats[i % Formats.Length]}");
        }

        AddFolders("New", 2, 100);

        var clean = Copy(baseline, "clean");
        var stopwatch = Stopwatch.StartNew();
        Assert.Equal(0, (await new CliRunner(clean).RunAsync("scan", "1")).ExitCode);
        var cleanMs = stopwatch.ElapsedMilliseconds;
        var expected = await RowsAsync(clean, baselineMaxId);
        Assert.Contains(expected, r => r.StartsWith("Moved 0/", StringComparison.Ordinal) && !r.Contains("|new|", StringComparison.Ordinal));

        var seed = Environment.TickCount;
        var random = new Random(seed);
        output.WriteLine($"seed {seed}, clean rescan {cleanMs} ms");
        var landed = 0;
        for (var point = 0; point < KillPoints; point++)
        {
            var killed = Copy(baseline, $"killed{point}");
            var delay = random.Next(0, (int)Math.Max(200, cleanMs * 1.2));
            var exited = await RunAndKillAsync(killed, delay);
            landed += exited ? 0 : 1;
            var restart = await new CliRunner(killed).RunAsync("scan", "1");

            Assert.True(restart.ExitCode == 0, $"kill at {delay} ms (exited first: {exited}): {restart.Stderr}");
            Assert.Equal("ok", await ScalarAsync(killed, "PRAGMA integrity_check"));
            Assert.Equal(expected, await RowsAsync(killed, baselineMaxId));
        }

        // A kill that came after the scan had ended tests nothing: a good share of them must have landed
        // (the delays reach 1.2 times a clean rescan, so some come after the end on purpose).
        output.WriteLine($"{landed} of {KillPoints} kills landed before the scan ended");
        Assert.True(landed >= KillPoints / 3, $"only {landed} of {KillPoints} kills landed before the scan ended (seed {seed})");
    }

    private void AddFolders(string prefix, int folders, int files)
    {
        for (var folder = 0; folder < folders; folder++)
        {
            var path = _disk.FullPath($"{prefix} {folder}");
            Directory.CreateDirectory(path);
            for (var i = 0; i < files; i++)
            {
                var format = Formats[i % Formats.Length];
                File.Copy(TempLibrary.Fixture(format), Path.Combine(path, $"{i:000}{format}"));
            }
        }
    }

    /// <summary>Runs a scan and SIGKILLs it after the delay; true when it had finished by then.</summary>
    private static async Task<bool> RunAndKillAsync(string database, int delayMs)
    {
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "scan", "1", "--set", "Scanner:BatchSize=20" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["NOMARR_DB"] = database;
        using var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        var exited = process.WaitForExit(delayMs);
        if (!exited)
        {
            process.Kill();
        }

        await process.WaitForExitAsync();
        return exited;
    }

    private string Copy(string database, string name)
    {
        var copy = Path.Combine(_work, name + ".db");
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            if (File.Exists(database + suffix))
            {
                File.Copy(database + suffix, copy + suffix, overwrite: true);
            }
        }

        return copy;
    }

    /// <summary>Every record as text: ids of records from before the change kept (a move keeps its id), newer ones as "new".</summary>
    private static async Task<List<string>> RowsAsync(string database, long baselineMaxId)
    {
        await using var connection = Open(database);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT CASE WHEN id <= $max THEN id ELSE 'new' END, normalized_path, size, mtime, title, codec, valid, read_error, audio_id, device, inode, " +
            "missing_since IS NULL FROM library_files ORDER BY normalized_path;";
        command.Parameters.AddWithValue("$max", baselineMaxId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            var fields = Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).ToList();
            rows.Add(fields[1] + "|" + string.Join('|', fields));
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
        new(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false, DefaultTimeout = 30 }.ToString());
}
