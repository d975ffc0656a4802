using System.Collections.Concurrent;
using System.Globalization;
using Nomarr.IntegrationTests.Infrastructure;
using Nomarr.IntegrationTests.Infrastructure.Postgres;
using Npgsql;

namespace Nomarr.IntegrationTests.Cli.Postgres;

/// <summary>
/// Two real `nomarr serve` processes, node-a and node-b, on one PostgreSQL database and one library:
/// a scan asked of one runs once, both show it, and a node killed mid-scan is taken over once its lease lapses.
/// </summary>
public sealed class TwoNodesTests : IAsyncLifetime
{
    private const int Folders = 30;
    private const int FilesPerFolder = 100;
    private static readonly string[] Formats = [".mp3", ".flac", ".ogg", ".opus", ".m4a"];

    private readonly FreshPostgresDatabase _database = new();
    private readonly FreshPostgresDatabase _cleanDatabase = new();
    private readonly TempLibrary _disk = new();
    private readonly List<ServeProcess> _nodes = [];

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await _cleanDatabase.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        _disk.Dispose();
        await _database.DisposeAsync();
        await _cleanDatabase.DisposeAsync();
    }

    [SkippableFact]
    public async Task AScanAskedOfOneNodeRunsOnceNeverBesideAnotherAndBothNodesStreamsReportIt()
    {
        FillLibrary(folders: 5);
        var libraryId = await AddLibraryAsync(_database);
        var a = await StartNodeAsync("node-a", leaseSeconds: 60);
        var b = await StartNodeAsync("node-b", leaseSeconds: 60);
        using var watch = RunningWatch.Start(_database.ConnectionString, libraryId);

        var scanId = (await a.PostJsonAsync($"/api/libraries/{libraryId}/scans")).GetProperty("scan_id").GetInt64();

        var finishedOnA = await a.WaitForEventAsync("scan_finished", e => e.GetProperty("scan_id").GetInt64() == scanId);
        var finishedOnB = await b.WaitForEventAsync("scan_finished", e => e.GetProperty("scan_id").GetInt64() == scanId);
        await a.WaitForEventAsync("scan_started", e => e.GetProperty("scan_id").GetInt64() == scanId);
        await b.WaitForEventAsync("scan_started", e => e.GetProperty("scan_id").GetInt64() == scanId);
        Assert.Equal(("completed", "completed"), (finishedOnA.GetProperty("status").GetString(), finishedOnB.GetProperty("status").GetString()));
        Assert.Equal(5 * FilesPerFolder, finishedOnB.GetProperty("result").GetProperty("files_added").GetInt32());

        var run = await b.GetJsonAsync($"/api/scans/{scanId}");
        Assert.Contains(run.GetProperty("node").GetString(), new[] { "node-a", "node-b" });
        Assert.Equal(1L, await ScalarAsync(_database, $"SELECT count(*) FROM scan_runs WHERE library_id = {libraryId} AND status <> 'cancelled'"));
        Assert.Equal(1, await watch.StopAsync());

        // Let a full heartbeat period pass so that each node has beaten at least once since the other started.
        var nodes = await WaitForAsync(async () => await b.GetJsonAsync("/api/nodes"), n => n.GetArrayLength() == 2 && n.EnumerateArray().All(x => x.GetProperty("alive").GetBoolean()));
        Assert.Equal(["node-a", "node-b"], nodes.EnumerateArray().Select(n => n.GetProperty("name").GetString()));
        Assert.All(nodes.EnumerateArray(), n => Assert.Equal([libraryId], n.GetProperty("libraries").EnumerateArray().Select(l => l.GetInt64())));
    }

    [SkippableFact]
    public async Task ANodeKilledMidScanHoldsTheLibraryUntilItsLeaseLapsesThenAnotherResumesItToTheRecordsOfACleanScan()
    {
        FillLibrary(Folders);
        var libraryId = await AddLibraryAsync(_database);
        var a = await StartNodeAsync("node-a", leaseSeconds: 6);
        var b = await StartNodeAsync("node-b", leaseSeconds: 6);
        using var watch = RunningWatch.Start(_database.ConnectionString, libraryId);

        var scanId = (await a.PostJsonAsync($"/api/libraries/{libraryId}/scans")).GetProperty("scan_id").GetInt64();

        // Some batches written, far from all: the middle of the scan, whose progress the other node shows
        // from the run row. Kill whichever node holds it.
        await WaitForAsync(() => ScalarAsync(_database, "SELECT count(*) FROM library_files"), n => n >= 100);
        var holder = (string)(await ScalarObjectAsync(_database, $"SELECT node FROM scan_runs WHERE id = {scanId}"))!;
        var (killed, survivor) = holder == "node-a" ? (a, b) : (b, a);
        await survivor.WaitForEventAsync("scan_started", e => e.GetProperty("scan_id").GetInt64() == scanId);
        await survivor.WaitForEventAsync("scan_progress", e => e.GetProperty("scan_id").GetInt64() == scanId && e.GetProperty("files_written").GetInt32() > 0);
        killed.Kill();
        Assert.Equal("running", await ScalarObjectAsync(_database, $"SELECT status FROM scan_runs WHERE id = {scanId}"));
        var written = await ScalarAsync(_database, "SELECT count(*) FROM library_files");
        Assert.InRange(written, 100, (Folders * FilesPerFolder) - 1);

        // Until the lease lapses on the database's clock, nobody else scans the library.
        while (await ScalarAsync(_database, $"SELECT count(*) FROM scan_runs WHERE id = {scanId} AND lease_expires_ms > (extract(epoch from now()) * 1000)::bigint") == 1)
        {
            Assert.Equal(0L, await ScalarAsync(_database, $"SELECT count(*) FROM scan_runs WHERE library_id = {libraryId} AND id <> {scanId} AND status = 'running'"));
            await Task.Delay(100);
        }

        // The survivor reports the killed node's scan as interrupted, then its own, which resumes it.
        await survivor.WaitForEventAsync("scan_finished", e => e.GetProperty("scan_id").GetInt64() == scanId && e.GetProperty("status").GetString() == "interrupted");
        var finished = await survivor.WaitForEventAsync("scan_finished", e => e.GetProperty("scan_id").GetInt64() != scanId && e.GetProperty("status").GetString() == "completed");
        var resumedBy = finished.GetProperty("scan_id").GetInt64();
        Assert.Equal(scanId, finished.GetProperty("result").GetProperty("resumed_from").GetInt64());
        var taken = await survivor.GetJsonAsync($"/api/scans/{resumedBy}");
        Assert.Equal(holder == "node-a" ? "node-b" : "node-a", taken.GetProperty("node").GetString());
        Assert.Equal("resumed", await ScalarObjectAsync(_database, $"SELECT status FROM scan_runs WHERE id = {scanId}"));
        Assert.Equal(1, await watch.StopAsync());

        // The same library scanned once, undisturbed, by the CLI into another database.
        var clean = PostgresSettings.Cli(_cleanDatabase);
        Assert.Equal(0, (await clean.RunAsync("library", "add", _disk.Root)).ExitCode);
        Assert.Equal(0, (await clean.RunAsync("scan", "--json")).ExitCode);
        var expected = await FilesAsync(_cleanDatabase);
        Assert.Equal(Folders * FilesPerFolder, expected.Count);
        Assert.Equal(expected, await FilesAsync(_database));

        // The killed node stops heartbeating and is shown as gone.
        var nodes = await WaitForAsync(
            async () => await survivor.GetJsonAsync("/api/nodes"),
            n => n.EnumerateArray().Any(x => x.GetProperty("name").GetString() == holder && !x.GetProperty("alive").GetBoolean()));
        Assert.True(nodes.EnumerateArray().Single(x => x.GetProperty("name").GetString() != holder).GetProperty("alive").GetBoolean());
    }

    private void FillLibrary(int folders)
    {
        for (var folder = 0; folder < folders; folder++)
        {
            var path = _disk.FullPath($"Artist {folder:00}");
            Directory.CreateDirectory(path);
            for (var i = 0; i < FilesPerFolder; i++)
            {
                var format = Formats[i % Formats.Length];
                File.Copy(TempLibrary.Fixture(format), Path.Combine(path, $"{i:000}{format}"));
            }
        }
    }

    private async Task<long> AddLibraryAsync(FreshPostgresDatabase database)
    {
        var added = await PostgresSettings.Cli(database).RunAsync("library", "add", _disk.Root, "--watch-mode", "off", "--json");
        Assert.True(added.ExitCode == 0, added.Stderr);
        return added.Json().GetProperty("id").GetInt64();
    }

    private async Task<ServeProcess> StartNodeAsync(string name, int leaseSeconds)
    {
        var node = await ServeProcess.StartAsync(new Dictionary<string, string>
        {
            ["NOMARR_Database__Provider"] = "postgres",
            ["NOMARR_Database__ConnectionString"] = _database.ConnectionString,
            ["NOMARR_DB"] = Path.Combine(Path.GetTempPath(), "nomarr-unused-" + Guid.NewGuid().ToString("N") + ".db"),
            ["NOMARR_Node__Name"] = name,
            ["NOMARR_Node__HeartbeatSeconds"] = "1",
            ["NOMARR_Node__GoneAfterSeconds"] = "4",
            ["NOMARR_Scanner__LeaseSeconds"] = leaseSeconds.ToString(CultureInfo.InvariantCulture),
            ["NOMARR_Scanner__Parallelism"] = "1",
            ["NOMARR_Scanner__BatchSize"] = "20",
            ["NOMARR_Watcher__ScanOnStart"] = "false",
        });
        _nodes.Add(node);
        return node;
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited 90 s; last value: {value}");
            }

            await Task.Delay(100);
        }
    }

    private static async Task<List<string>> FilesAsync(FreshPostgresDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT normalized_path, size, mtime, title, artist, album, track, duration, bitrate, sample_rate, channels, codec, valid, " +
            "read_error, audio_id, device, inode, missing_since IS NULL, tags::text, artists::text FROM library_files ORDER BY normalized_path;",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "null"
                : reader.GetValue(i) is byte[] bytes ? Convert.ToHexString(bytes) : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
        }

        return rows;
    }

    private static async Task<long> ScalarAsync(FreshPostgresDatabase database, string sql) =>
        Convert.ToInt64(await ScalarObjectAsync(database, sql), CultureInfo.InvariantCulture);

    private static async Task<object?> ScalarObjectAsync(FreshPostgresDatabase database, string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    /// <summary>Polls scan_runs all along: the most runs of the library ever seen `running` at one moment.</summary>
    private sealed class RunningWatch : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task<int> _polling;
        private readonly ConcurrentBag<long> _seen = [];

        private RunningWatch(string connectionString, long libraryId) => _polling = PollAsync(connectionString, libraryId);

        public static RunningWatch Start(string connectionString, long libraryId) => new(connectionString, libraryId);

        /// <returns>The most running runs seen at once.</returns>
        public async Task<int> StopAsync()
        {
            await _stop.CancelAsync();
            return await _polling;
        }

        public void Dispose() => _stop.Dispose();

        private async Task<int> PollAsync(string connectionString, long libraryId)
        {
            var most = 0;
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"SELECT count(*) FROM scan_runs WHERE library_id = {libraryId} AND status = 'running';", connection);
            while (!_stop.IsCancellationRequested)
            {
                most = Math.Max(most, (int)(long)(await command.ExecuteScalarAsync())!);
                try
                {
                    await Task.Delay(10, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }

            return most;
        }
    }
}
