using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Nomarr.IntegrationTests.Infrastructure;

namespace Nomarr.IntegrationTests.Http;

[Collection(ServeTestGroup.Name)]
public sealed class EventStreamTests : IAsyncLifetime
{
    private readonly TempLibrary _disk = new();
    private readonly TempDatabase _database = new();
    private ServeHost _server = null!;

    public async Task InitializeAsync() =>
        _server = await ServeHost.StartAsync(_database.Path, new Dictionary<string, string?> { ["Scanner:BatchSize"] = "5" });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _database.Dispose();
        _disk.Dispose();
    }

    [Fact]
    public async Task TheEventStreamDeliversStartedProgressAndFinishedForAScan()
    {
        for (var i = 0; i < 40; i++)
        {
            _disk.Write($"Album {i / 10}/{i:00}.mp3", File.ReadAllBytes(TempLibrary.Fixture(".mp3")));
        }

        var library = await (await _server.Client.PostAsJsonAsync("/api/libraries", new { path = _disk.Root, watch = false }))
            .Content.ReadFromJsonAsync<JsonElement>();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/events");
        using var response = await _server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
        await using var events = SseParser.Create(stream).EnumerateAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);
        Assert.True(await events.MoveNextAsync());
        Assert.Equal("ready", events.Current.EventType);

        var accepted = await (await _server.Client.PostAsync(new Uri($"/api/libraries/{library.GetProperty("id").GetInt64()}/scans", UriKind.Relative), ServeHost.NoBody()))
            .Content.ReadFromJsonAsync<JsonElement>();
        var scanId = accepted.GetProperty("scan_id").GetInt64();
        var seen = new List<(string Type, JsonElement Data)>();
        while (await events.MoveNextAsync())
        {
            var data = JsonDocument.Parse(events.Current.Data).RootElement;
            if (data.TryGetProperty("scan_id", out var id) && id.GetInt64() == scanId)
            {
                seen.Add((events.Current.EventType, data));
                if (events.Current.EventType == "scan_finished")
                {
                    break;
                }
            }
        }

        var types = seen.Select(e => e.Type).ToList();
        Assert.Equal("scan_started", types[0]);
        Assert.Equal("scan_finished", types[^1]);
        Assert.Contains("scan_progress", types);
        Assert.All(types[1..^1], t => Assert.Equal("scan_progress", t));
        var lastProgress = seen.Last(e => e.Type == "scan_progress").Data;
        Assert.True(lastProgress.GetProperty("files_scanned").GetInt32() > 0);
        Assert.True(lastProgress.TryGetProperty("files_per_second", out _));
        Assert.True(lastProgress.TryGetProperty("current_folder", out _));
        var finished = seen[^1].Data;
        Assert.Equal("completed", finished.GetProperty("status").GetString());
        Assert.Equal(40, finished.GetProperty("result").GetProperty("files_added").GetInt32());
    }

    [Fact]
    public async Task AnOpenEventStreamEndsWhenTheServiceStopsAndDoesNotHoldUpTheShutdown()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/events");
        using var response = await _server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
        await using var events = SseParser.Create(stream).EnumerateAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);
        Assert.True(await events.MoveNextAsync());

        // A stream still open when the host's shutdown timeout passes makes StopAsync throw.
        await _server.StopAsync();

        Assert.False(await events.MoveNextAsync());
    }
}
