using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Scanning;
using Nomarr.IntegrationTests.Infrastructure;
using Nomarr.Persistence;
using Nomarr.Services.Scanning;

namespace Nomarr.IntegrationTests.Http;

/// <summary>
/// Cancelling and shutting down in the middle of a scan. The scan is pinned by SQLite's write lock, taken on
/// the scan's own writer thread right after its first batch commits (<see cref="WriteHold"/>, around the
/// change publisher): it cannot write again until the lock is released, however fast the machine. One file
/// per batch keeps it thousands of transactions from its end.
/// </summary>
[Collection(ServeTestGroup.Name)]
public sealed class ScanLifecycleTests : IDisposable
{
    private static readonly Dictionary<string, string?> Settings = new() { ["Scanner:BatchSize"] = "1" };

    private readonly TempLibrary _disk = new();
    private readonly TempDatabase _database = new();

    public void Dispose()
    {
        _database.Dispose();
        _disk.Dispose();
    }

    [Fact]
    public async Task ACancelledScanKeepsWhatItWroteMarksNothingMissingAndIsNotRunAgain()
    {
        AddFiles("Old", 40);
        var hold = new WriteHold(_database.Path);
        await using var server = await ServeHost.StartAsync(_database.Path, Settings, hold.AddTo);
        var libraryId = await AddLibraryAsync(server);
        await server.WaitForScanAsync(await RequestScanAsync(server, libraryId));
        for (var i = 0; i < 20; i++)
        {
            _disk.Delete($"Old/{i / 20}/{i:0000}.mp3");
        }

        AddFiles("New", 3000);
        hold.Arm();

        var scanId = await RequestScanAsync(server, libraryId);
        HttpResponseMessage cancel;
        long written;
        await using (await hold.Held.WaitAsync(TimeSpan.FromMinutes(1)))
        {
            written = (await server.GetJsonAsync($"/api/files?library_id={libraryId}&limit=1")).GetProperty("total").GetInt64();
            cancel = await server.Client.PostAsync(new Uri($"/api/scans/{scanId}/cancel", UriKind.Relative), ServeHost.NoBody());
        }

        var run = await server.WaitForScanAsync(scanId);

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.Equal("cancelling", (await cancel.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal("cancelled", run.GetProperty("status").GetString());
        var missing = await server.GetJsonAsync($"/api/files?library_id={libraryId}&missing=true");
        Assert.Equal(0, missing.GetProperty("total").GetInt64());
        var stored = (await server.GetJsonAsync($"/api/files?library_id={libraryId}")).GetProperty("total").GetInt64();
        Assert.InRange(written, 40, 3039);
        Assert.InRange(stored, written, 3039);
        Assert.Null(await server.Get<IPendingScanRepository>().GetAsync(libraryId, default));
        Assert.False(server.Get<ScanWorkers>().IsBusy(libraryId));
    }

    [Fact]
    public async Task AShutdownDuringAScanRecordsItAsInterruptedAndTheNextStartResumesIt()
    {
        AddFiles("Music", 3000);
        long libraryId;
        long scanId;
        var hold = new WriteHold(_database.Path);
        hold.Arm();
        await using (var server = await ServeHost.StartAsync(_database.Path, Settings, hold.AddTo))
        {
            libraryId = await AddLibraryAsync(server);
            scanId = await RequestScanAsync(server, libraryId);

            Task stopping;
            await using (await hold.Held.WaitAsync(TimeSpan.FromMinutes(1)))
            {
                stopping = server.StopAsync();
                await WaitUntilAsync(() => server.Get<ScanWorkers>().IsStopping);
            }

            await stopping;
        }

        using (var stopped = new NomarrTestHost(databasePath: _database.Path))
        {
            var run = await stopped.Ledger.GetAsync(scanId, default);
            Assert.Equal(ScanRunStatus.Interrupted, run?.Status);
            var stored = await stopped.Files.QueryAsync(new FileQuery(libraryId, Limit: 1), default);
            Assert.InRange(stored.Total, 1, 2999);
        }

        await using var restarted = await ServeHost.StartAsync(_database.Path, Settings);
        await WaitUntilAsync(async () => (await restarted.GetJsonAsync($"/api/scans/{scanId}")).GetProperty("status").GetString() == "resumed");
        await WaitUntilAsync(async () => (await restarted.GetJsonAsync("/api/status")).GetProperty("libraries")[0].GetProperty("scan_state").GetString() == "idle");

        var files = await restarted.GetJsonAsync($"/api/files?library_id={libraryId}&limit=1");
        Assert.Equal(3000, files.GetProperty("total").GetInt64());
        Assert.Equal(0, (await restarted.GetJsonAsync($"/api/files?library_id={libraryId}&missing=true")).GetProperty("total").GetInt64());
        var runs = await restarted.GetJsonAsync($"/api/scans?library_id={libraryId}");
        Assert.Contains(runs.EnumerateArray(), r => r.GetProperty("status").GetString() == "completed"
            && r.GetProperty("result").GetProperty("resumed_from") is { ValueKind: JsonValueKind.Number } from && from.GetInt64() == scanId);
    }

    private void AddFiles(string folder, int count)
    {
        var audio = File.ReadAllBytes(TempLibrary.Fixture(".mp3"));
        for (var i = 0; i < count; i++)
        {
            _disk.Write($"{folder}/{i / 20}/{i:0000}.mp3", audio);
        }
    }

    private async Task<long> AddLibraryAsync(ServeHost server)
    {
        var response = await server.Client.PostAsJsonAsync("/api/libraries", new { path = _disk.Root, watch = false });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private static async Task<long> RequestScanAsync(ServeHost server, long libraryId)
    {
        var response = await server.Client.PostAsync(new Uri($"/api/libraries/{libraryId}/scans", UriKind.Relative), ServeHost.NoBody());
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("scan_id").GetInt64();
    }

    private static Task WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (!await condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
