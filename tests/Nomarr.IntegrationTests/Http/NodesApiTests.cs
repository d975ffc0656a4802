using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Nomarr.IntegrationTests.Infrastructure;

namespace Nomarr.IntegrationTests.Http;

/// <summary>A serve node heartbeats and lists itself; a library is pinned and unpinned through PATCH, and its watcher follows.</summary>
[Collection(ServeTestGroup.Name)]
public sealed class NodesApiTests : IAsyncLifetime
{
    private readonly TempLibrary _disk = new();
    private readonly TempDatabase _database = new();
    private ServeHost _server = null!;

    public async Task InitializeAsync() =>
        _server = await ServeHost.StartAsync(_database.Path, new Dictionary<string, string?> { ["Node:Name"] = "kitchen", ["Node:HeartbeatSeconds"] = "1" });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _database.Dispose();
        _disk.Dispose();
    }

    [Fact]
    public async Task ANodeListsItselfAndAPinToAnotherNodeStopsItsWatcherUntilUnpinned()
    {
        var added = await _server.Client.PostAsJsonAsync("/api/libraries", new { path = _disk.Root });
        var libraryId = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var status = await WaitForAsync(() => _server.GetJsonAsync("/api/status"), s => Watcher(s, libraryId) == "watching");
        Assert.Equal("kitchen", status.GetProperty("node").GetString());

        var pinned = await PatchAsync(libraryId, """{"node": "attic"}""");
        Assert.Equal(HttpStatusCode.OK, pinned.StatusCode);
        Assert.Equal("attic", (await pinned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("node").GetString());
        await WaitForAsync(() => _server.GetJsonAsync("/api/status"), s => Watcher(s, libraryId) == "stopped");

        var nodes = await WaitForAsync(() => _server.GetJsonAsync("/api/nodes"), n => n.GetArrayLength() == 1);
        var kitchen = nodes[0];
        Assert.Equal(("kitchen", true, true), (kitchen.GetProperty("name").GetString(), kitchen.GetProperty("alive").GetBoolean(), kitchen.GetProperty("this_node").GetBoolean()));
        Assert.Empty(kitchen.GetProperty("libraries").EnumerateArray());

        var unpinned = await PatchAsync(libraryId, """{"node": null}""");
        Assert.True((await unpinned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("node").ValueKind == JsonValueKind.Null);
        await WaitForAsync(() => _server.GetJsonAsync("/api/status"), s => Watcher(s, libraryId) == "watching");
        await WaitForAsync(() => _server.GetJsonAsync("/api/nodes"), n => n[0].GetProperty("libraries").EnumerateArray().Select(l => l.GetInt64()).SequenceEqual([libraryId]));

        Assert.Equal(HttpStatusCode.BadRequest, (await PatchAsync(libraryId, """{"node": "no/such node"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PatchAsync(libraryId, """{"node": 7}""")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PatchAsync(libraryId + 100, """{"node": "attic"}""")).StatusCode);
        Assert.True((await _server.GetJsonAsync($"/api/libraries/{libraryId}")).GetProperty("node").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task AScanAskedOfALibraryPinnedToAnotherNodeIsQueuedForItNotRunHere()
    {
        var added = await _server.Client.PostAsJsonAsync("/api/libraries", new { path = _disk.Root, watch = false });
        var libraryId = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await PatchAsync(libraryId, """{"node": "attic"}""")).StatusCode);

        var asked = await _server.Client.PostAsync(new Uri($"/api/libraries/{libraryId}/scans", UriKind.Relative), ServeHost.NoBody());
        var ticket = await asked.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("queued", ticket.GetProperty("status").GetString());
    }

    private static string? Watcher(JsonElement status, long libraryId) =>
        status.GetProperty("libraries").EnumerateArray().Single(l => l.GetProperty("id").GetInt64() == libraryId).GetProperty("watcher") is { ValueKind: JsonValueKind.Object } w
            ? w.GetProperty("status").GetString()
            : null;

    private async Task<HttpResponseMessage> PatchAsync(long libraryId, string json) =>
        await _server.Client.PatchAsync(new Uri($"/api/libraries/{libraryId}", UriKind.Relative), new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    private static async Task<JsonElement> WaitForAsync(Func<Task<JsonElement>> read, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow + WatchedHost.Patience;
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                Assert.True(done(value), $"waited {WatchedHost.Patience.TotalSeconds} s; last: {value}");
                return value;
            }

            await Task.Delay(100);
        }
    }
}
