using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Nomarr.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Nomarr.IntegrationTests.Reliability;

/// <summary>
/// Load on the real `nomarr`: 100,000 small real audio files (the committed fixtures under many names)
/// scanned in full, rescanned unchanged and scanned in one folder, with the peak memory of each; and a
/// burst of 10,000 new files in 500 folders while `nomarr serve` watches. They take a few minutes, so
/// they run where NOMARR_LOAD_TESTS=1 (./test.sh, and so CI, set it); the figures are printed and kept
/// in docs/reliability.md.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class LoadTests(ITestOutputHelper output) : IDisposable
{
    private const string Flag = "NOMARR_LOAD_TESTS";
    private static readonly string Executable = Path.Combine(AppContext.BaseDirectory, "nomarr");
    private static readonly string[] Formats = [".opus", ".mp3"];
    // The 100,000 files on /dev/shm where there is one: writing and deleting them on a loaded disk takes
    // minutes that say nothing about Nomarr (it is a system folder to `library add`, hence --force). The
    // burst goes to the disk, where a copy takes long enough for folders to settle one by one.
    private readonly TempLibrary _shm = new(RoomyShm() ? "/dev/shm" : null);
    private readonly TempLibrary _disk = new();
    private readonly TempDatabase _database = new();

    private static bool Enabled => Environment.GetEnvironmentVariable(Flag) == "1";

    // The 100,000 small files take about 400 MB: a container's /dev/shm is often 64 MB.
    private static bool RoomyShm() => Directory.Exists("/dev/shm") && new DriveInfo("/dev/shm").AvailableFreeSpace > 1L << 30;

    public void Dispose()
    {
        _database.Dispose();
        _shm.Dispose();
        _disk.Dispose();
    }

    [SkippableFact]
    public async Task AHundredThousandFilesAreScannedInFullRescannedAndScannedInOneFolderInBoundedMemory()
    {
        Skip.IfNot(Enabled, $"load test: set {Flag}=1 (./test.sh does)");
        AddFiles(_shm, string.Empty, folders: 1000, perFolder: 100);
        var cli = new CliRunner(_database.Path);
        Assert.Equal(0, (await cli.RunAsync("library", "add", _shm.Root, "--no-watch", "--force")).ExitCode);

        var full = await MeasureAsync(cli, "full scan", "scan", "1", "--json");
        var rescan = await MeasureAsync(cli, "no-change rescan", "scan", "1", "--json");
        var folder = "D0500";
        foreach (var path in Directory.GetFiles(_shm.FullPath(folder)).Order(StringComparer.Ordinal).Take(10))
        {
            File.SetLastWriteTimeUtc(path, new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        }

        File.Delete(Directory.GetFiles(_shm.FullPath(folder)).Order(StringComparer.Ordinal).Last());
        File.Copy(TempLibrary.Fixture(".ogg"), _shm.FullPath(folder + "/new.ogg"));
        var targeted = await MeasureAsync(cli, "targeted scan of one folder", "scan", "1", "--folder", folder, "--json");

        Assert.Equal(100_000, full.GetProperty("files_added").GetInt32());
        Assert.Equal(0, full.GetProperty("files_failed").GetInt32());
        Assert.Equal(100_000, rescan.GetProperty("files_unchanged").GetInt32());
        Assert.Equal(0, rescan.GetProperty("db_transactions").GetInt32());
        Assert.Equal(100, targeted.GetProperty("files_scanned").GetInt32());
        Assert.Equal(1, targeted.GetProperty("files_added").GetInt32());
        Assert.Equal(10, targeted.GetProperty("files_updated").GetInt32());
        Assert.Equal(1, targeted.GetProperty("files_missing").GetInt32());
        Assert.Equal(100_000, await DatabaseRows.CountAsync(_database.Path, "library_files WHERE missing_since IS NULL"));
    }

    [SkippableFact]
    public async Task ABurstOf10000FilesIn500FoldersWhileServeWatchesArrivesInFewScansAndHealthAnswersWithinASecond()
    {
        Skip.IfNot(Enabled, $"load test: set {Flag}=1 (./test.sh does)");
        _disk.AddTrack("Seed/seed.mp3");
        var cli = new CliRunner(_database.Path);
        Assert.Equal(0, (await cli.RunAsync("library", "add", _disk.Root)).ExitCode);
        var port = FreePort();
        using var serve = StartServe(port);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        await WaitAsync(async () => await StoredAsync(http) == 1, "the first scan of the library");
        var scansBefore = (await ScansAsync(http)).Count;

        using var stop = new CancellationTokenSource();
        var health = Task.Run(() => HealthLoopAsync(http, stop.Token));
        var burst = Stopwatch.StartNew();
        AddFiles(_disk, "Burst/", folders: 500, perFolder: 20);
        var written = burst.Elapsed;
        await WaitAsync(async () => await StoredAsync(http) == 10_001, "every file of the burst to be stored");
        var arrived = burst.Elapsed;
        await stop.CancelAsync();
        var (checks, slowest, failures) = await health;

        // Newest first: the runs after those of the first scan.
        var all = await ScansAsync(http);
        var scans = all.Take(all.Count - scansBefore).ToList();
        Report(
            $"burst of 10,000 files in 500 folders under `nomarr serve`: written in {written.TotalSeconds:0.0} s, all stored after {arrived.TotalSeconds:0.0} s, " +
            $"in {scans.Count} scans; /health answered {checks} times, the slowest in {slowest.TotalMilliseconds:0} ms");
        Assert.Equal(0, failures);
        Assert.InRange(checks, 10, int.MaxValue);
        Assert.InRange(slowest, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        // Folders settle one by one as the copy goes on; what is ready while a scan runs waits and is merged
        // into one next scan. Far fewer scans than folders (one a folder without merging): between 12 and 112
        // in runs on the 2-core machine (docs/reliability.md); at most 190 here (under one for every two folders,
        // and below the 200 runs the list returns), since a faster machine finishes each scan sooner and so merges less.
        Assert.InRange(scans.Count, 1, 190);
        Assert.All(scans, s => Assert.Equal("completed", s.GetProperty("status").GetString()));
        var missing = await http.GetFromJsonAsync<JsonElement>("/api/files?missing=true&limit=1");
        Assert.Equal(0, missing.GetProperty("total").GetInt64());
    }

    /// <summary>Copies the fixtures under <paramref name="prefix"/>D0000/000.opus, ...: small real audio files, each its own inode.</summary>
    private static void AddFiles(TempLibrary disk, string prefix, int folders, int perFolder)
    {
        var fixtures = Formats.Select(f => (Extension: f, Bytes: File.ReadAllBytes(TempLibrary.Fixture(f)))).ToArray();
        for (var folder = 0; folder < folders; folder++)
        {
            var path = disk.FullPath($"{prefix}D{folder:0000}");
            Directory.CreateDirectory(path);
            for (var file = 0; file < perFolder; file++)
            {
                var (extension, bytes) = fixtures[file % fixtures.Length];
                File.WriteAllBytes(Path.Combine(path, $"{file:000}{extension}"), bytes);
            }
        }
    }

    private async Task<JsonElement> MeasureAsync(CliRunner cli, string what, params string[] args)
    {
        var (result, peak) = await cli.RunMeasuredAsync(TimeSpan.FromMinutes(10), args);
        Assert.True(result.ExitCode == 0, result.Stderr);
        var json = result.Json();
        Report($"100,000 files, {what}: {json.GetProperty("duration_ms").GetInt64() / 1000.0:0.0} s, peak memory {peak / (1024 * 1024)} MiB");

        // Bounded: a batch at a time, not the library, is held (measured: 100-130 MiB); holding every record
        // would add a few hundred MiB and shows here. Zero would mean the process was never sampled.
        Assert.InRange(peak, 1, 400L * 1024 * 1024);
        return json;
    }

    private void Report(string line)
    {
        output.WriteLine(line);
        if (Environment.GetEnvironmentVariable("NOMARR_TEST_REPORT_DIR") is { Length: > 0 } reports && Directory.Exists(reports))
        {
            File.AppendAllText(Path.Combine(reports, "load.txt"), line + Environment.NewLine);
        }
    }

    private ServeProcess StartServe(int port)
    {
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "serve", "--urls", $"http://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["NOMARR_DB"] = _database.Path;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServeProcess(process);
    }

    /// <summary>GET /health every 100 ms until stopped: how many answered, the slowest, how many failed.</summary>
    private static async Task<(int Checks, TimeSpan Slowest, int Failures)> HealthLoopAsync(HttpClient http, CancellationToken stop)
    {
        var checks = 0;
        var failures = 0;
        var slowest = TimeSpan.Zero;
        while (!stop.IsCancellationRequested)
        {
            var watch = Stopwatch.StartNew();
            try
            {
                using var response = await http.GetAsync(new Uri("/health", UriKind.Relative), CancellationToken.None);
                failures += response.IsSuccessStatusCode ? 0 : 1;
            }
            catch (HttpRequestException)
            {
                failures++;
            }

            checks++;
            slowest = watch.Elapsed > slowest ? watch.Elapsed : slowest;
            try
            {
                await Task.Delay(100, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return (checks, slowest, failures);
    }

    private static async Task<long> StoredAsync(HttpClient http)
    {
        try
        {
            var files = await http.GetFromJsonAsync<JsonElement>("/api/files?missing=false&limit=1");
            return files.GetProperty("total").GetInt64();
        }
        catch (HttpRequestException)
        {
            // Not listening yet.
            return -1;
        }
    }

    private static async Task<List<JsonElement>> ScansAsync(HttpClient http) =>
        [.. (await http.GetFromJsonAsync<JsonElement>("/api/scans?limit=200")).EnumerateArray()];

    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromMinutes(5), "timed out waiting for " + what);
            await Task.Delay(200);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The serve process, ended with SIGKILL at the end of the test (its database is thrown away).</summary>
    private sealed class ServeProcess(Process process) : IDisposable
    {
        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit();
            }

            process.Dispose();
        }
    }
}
