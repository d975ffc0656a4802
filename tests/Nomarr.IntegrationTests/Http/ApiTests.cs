using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Nomarr.IntegrationTests.Infrastructure;

namespace Nomarr.IntegrationTests.Http;

[Collection(ServeTestGroup.Name)]
public sealed class ApiTests : IAsyncLifetime
{
    private readonly TempLibrary _disk = new();
    private readonly TempDatabase _database = new();
    private ServeHost _server = null!;

    private HttpClient Client => _server.Client;

    public async Task InitializeAsync() => _server = await ServeHost.StartAsync(_database.Path);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _database.Dispose();
        _disk.Dispose();
    }

    [Fact]
    public async Task AScriptAddsALibraryScansItPollsToTheEndAndPagesThroughTheFiles()
    {
        _disk.AddTrack("Rock/Beatles/01 - Help.mp3", title: "Help!", artist: "The Beatles", album: "Help!", track: 1);
        _disk.AddTrack("Rock/Beatles/02 - Yesterday.flac", title: "Yesterday", artist: "The Beatles", album: "Help!", track: 2);
        _disk.AddTrack("Jazz/So What.ogg", title: "So What", artist: "Miles Davis", album: "Kind of Blue");
        _disk.Write("Jazz/broken.mp3", [1, 2, 3]);

        var added = await Client.PostAsJsonAsync("/api/libraries", new { path = _disk.Root, name = "Music" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var library = await added.Content.ReadFromJsonAsync<JsonElement>();
        var id = library.GetProperty("id").GetInt64();
        Assert.Equal("Music", library.GetProperty("name").GetString());
        Assert.Equal($"/api/libraries/{id}", added.Headers.Location?.ToString());

        var scan = await Client.PostAsync(new Uri($"/api/libraries/{id}/scans", UriKind.Relative), ServeHost.NoBody());
        Assert.Equal(HttpStatusCode.Accepted, scan.StatusCode);
        var accepted = await scan.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("running", accepted.GetProperty("status").GetString());
        var run = await _server.WaitForScanAsync(accepted.GetProperty("scan_id").GetInt64());

        Assert.Equal("completed", run.GetProperty("status").GetString());
        var result = run.GetProperty("result");
        Assert.Equal(4, result.GetProperty("files_scanned").GetInt32());
        Assert.Equal(4, result.GetProperty("files_added").GetInt32());
        Assert.Equal(1, result.GetProperty("files_failed").GetInt32());
        Assert.Equal("Jazz/broken.mp3", result.GetProperty("failures")[0].GetProperty("path").GetString());

        var first = await _server.GetJsonAsync($"/api/files?library_id={id}&limit=3&offset=0");
        var second = await _server.GetJsonAsync($"/api/files?library_id={id}&limit=3&offset=3");
        Assert.Equal(4, first.GetProperty("total").GetInt64());
        Assert.Equal(3, first.GetProperty("items").GetArrayLength());
        Assert.Equal(1, second.GetProperty("items").GetArrayLength());
        var paths = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(f => f.GetProperty("path").GetString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["Jazz/So What.ogg", "Jazz/broken.mp3", "Rock/Beatles/01 - Help.mp3", "Rock/Beatles/02 - Yesterday.flac"], paths);

        var beatles = await _server.GetJsonAsync($"/api/files?library_id={id}&q=beatles");
        Assert.Equal(2, beatles.GetProperty("total").GetInt64());
        var rock = await _server.GetJsonAsync($"/api/files?library_id={id}&folder=Rock/Beatles");
        Assert.Equal(2, rock.GetProperty("total").GetInt64());
        var help = rock.GetProperty("items").EnumerateArray().Single(f => f.GetProperty("title").GetString() == "Help!");
        var one = await _server.GetJsonAsync($"/api/files/{help.GetProperty("id").GetInt64()}");
        Assert.Equal("Rock/Beatles/01 - Help.mp3", one.GetProperty("path").GetString());
        Assert.Equal("The Beatles", one.GetProperty("artist").GetString());
        Assert.Equal(1, one.GetProperty("track").GetInt32());

        var runs = await _server.GetJsonAsync($"/api/scans?library_id={id}");
        Assert.Equal(run.GetProperty("id").GetInt64(), runs[0].GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task AFolderOutsideTheLibraryIsRefusedWithProblemDetails()
    {
        var id = await AddLibraryAsync();

        var scan = await Client.PostAsJsonAsync($"/api/libraries/{id}/scans", new { folders = new[] { "Rock", "../../etc" } });
        var files = await Client.GetAsync(new Uri("/api/files?folder=../secret", UriKind.Relative));

        await AssertProblemAsync(scan, HttpStatusCode.BadRequest, "leaves the library root");
        await AssertProblemAsync(files, HttpStatusCode.BadRequest, "leaves the library root");
        var runs = await _server.GetJsonAsync($"/api/scans?library_id={id}");
        Assert.DoesNotContain(runs.EnumerateArray(), r => r.GetProperty("targets").EnumerateArray().Any(t => t.GetString() == "Rock"));
    }

    [Fact]
    public async Task AnAbsoluteFolderOutsideTheRootIsRefused()
    {
        var id = await AddLibraryAsync();

        var scan = await Client.PostAsJsonAsync($"/api/libraries/{id}/scans", new { folders = new[] { "/etc" } });

        await AssertProblemAsync(scan, HttpStatusCode.BadRequest, "outside the library root");
    }

    [Fact]
    public async Task AnUnknownLibraryIsNotFoundWithProblemDetails()
    {
        await AssertProblemAsync(await Client.GetAsync(new Uri("/api/libraries/999", UriKind.Relative)), HttpStatusCode.NotFound, "999");
        await AssertProblemAsync(await Client.PostAsync(new Uri("/api/libraries/999/scans", UriKind.Relative), ServeHost.NoBody()), HttpStatusCode.NotFound, "999");
        await AssertProblemAsync(await Client.DeleteAsync(new Uri("/api/libraries/999", UriKind.Relative)), HttpStatusCode.NotFound, "999");
        await AssertProblemAsync(await Client.GetAsync(new Uri("/api/files?library_id=999", UriKind.Relative)), HttpStatusCode.NotFound, "999");
        await AssertProblemAsync(await Client.GetAsync(new Uri("/api/scans/999", UriKind.Relative)), HttpStatusCode.NotFound, "999");
        await AssertProblemAsync(await Client.GetAsync(new Uri("/api/files/999", UriKind.Relative)), HttpStatusCode.NotFound, "999");
    }

    [Theory]
    [InlineData("/api/files?limit=0")]
    [InlineData("/api/files?limit=100000")]
    [InlineData("/api/files?offset=-1")]
    [InlineData("/api/files?limit=ten")]
    [InlineData("/api/files?missing=perhaps")]
    [InlineData("/api/scans?limit=0")]
    public async Task BadPagingValuesAreBadRequestsWithProblemDetails(string url)
    {
        var response = await Client.GetAsync(new Uri(url, UriKind.Relative));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, null);
    }

    [Fact]
    public async Task BadLibraryRequestsAreRefusedWithTheRightCodes()
    {
        var id = await AddLibraryAsync();

        await AssertProblemAsync(await Client.PostAsJsonAsync("/api/libraries", new { path = _disk.Root }), HttpStatusCode.Conflict, $"library {id}");
        await AssertProblemAsync(await Client.PostAsJsonAsync("/api/libraries", new { name = "no path" }), HttpStatusCode.BadRequest, "required");
        await AssertProblemAsync(await Client.PostAsJsonAsync("/api/libraries", new { path = "relative/music" }), HttpStatusCode.BadRequest, "absolute");
        await AssertProblemAsync(await Client.PostAsJsonAsync("/api/libraries", new { path = _disk.FullPath("not-there") }), HttpStatusCode.BadRequest, "does not exist");
        using var malformed = new StringContent("{\"path\": ", System.Text.Encoding.UTF8, "application/json");
        await AssertProblemAsync(await Client.PostAsync(new Uri("/api/libraries", UriKind.Relative), malformed), HttpStatusCode.BadRequest, null);
        await AssertProblemAsync(await Client.PatchAsJsonAsync($"/api/libraries/{id}", new { }), HttpStatusCode.BadRequest, "name");
    }

    [Fact]
    public async Task ALibraryIsRenamedUnwatchedAndRemoved()
    {
        var id = await AddLibraryAsync();

        var renamed = await Client.PatchAsJsonAsync($"/api/libraries/{id}", new { name = "Vinyl rips", watch = false });
        var library = await renamed.Content.ReadFromJsonAsync<JsonElement>();
        var removed = await Client.DeleteAsync(new Uri($"/api/libraries/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal("Vinyl rips", library.GetProperty("name").GetString());
        Assert.False(library.GetProperty("watch").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(0, (await _server.GetJsonAsync("/api/libraries")).GetArrayLength());
        Assert.True(Directory.Exists(_disk.Root));
    }

    [Fact]
    public async Task CancellingAFinishedOrUnknownScanIsRefused()
    {
        _disk.AddTrack("A/1.mp3");
        var id = await AddLibraryAsync();
        var accepted = await (await Client.PostAsync(new Uri($"/api/libraries/{id}/scans", UriKind.Relative), ServeHost.NoBody())).Content.ReadFromJsonAsync<JsonElement>();
        var scanId = accepted.GetProperty("scan_id").GetInt64();
        await _server.WaitForScanAsync(scanId);

        await AssertProblemAsync(await Client.PostAsync(new Uri($"/api/scans/{scanId}/cancel", UriKind.Relative), ServeHost.NoBody()), HttpStatusCode.Conflict, "finished");
        await AssertProblemAsync(await Client.PostAsync(new Uri("/api/scans/4242/cancel", UriKind.Relative), ServeHost.NoBody()), HttpStatusCode.NotFound, "4242");
    }

    [Fact]
    public async Task TheStatusListsEachLibraryWithItsScanStateAndItsWatcher()
    {
        var id = await AddLibraryAsync();

        var status = await _server.GetJsonAsync("/api/status");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (status.GetProperty("libraries")[0].GetProperty("watcher").ValueKind == JsonValueKind.Null)
        {
            await Task.Delay(50, timeout.Token);
            status = await _server.GetJsonAsync("/api/status");
        }

        Assert.Equal("sqlite", status.GetProperty("database_provider").GetString());
        Assert.False(string.IsNullOrEmpty(status.GetProperty("version").GetString()));
        Assert.True(status.GetProperty("watcher_available").GetBoolean());
        var library = status.GetProperty("libraries")[0];
        Assert.Equal(id, library.GetProperty("id").GetInt64());
        Assert.Equal("idle", library.GetProperty("scan_state").GetString());
        Assert.Equal("watching", library.GetProperty("watcher").GetProperty("status").GetString());
        Assert.Equal("ok", (await _server.GetJsonAsync("/health")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task ALibrarySwitchedToPollShowsItsModeAndWhyInTheStatus()
    {
        var id = await AddLibraryAsync();

        var patched = await Client.PatchAsJsonAsync($"/api/libraries/{id}", new { watch_mode = "poll", poll_seconds = 2 });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var library = await patched.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("poll", library.GetProperty("watch_mode").GetString());
        Assert.Equal(2, library.GetProperty("poll_seconds").GetInt32());

        JsonElement watcher;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        do
        {
            await Task.Delay(50, timeout.Token);
            watcher = (await _server.GetJsonAsync("/api/status")).GetProperty("libraries")[0].GetProperty("watcher");
        }
        while (watcher.ValueKind == JsonValueKind.Null || watcher.GetProperty("last_poll_ms").ValueKind == JsonValueKind.Null);

        Assert.Equal("watching", watcher.GetProperty("status").GetString());
        Assert.Equal("poll", watcher.GetProperty("mode").GetString());
        Assert.StartsWith("set to poll for this library", watcher.GetProperty("mode_reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, watcher.GetProperty("poll_seconds").GetDouble());
    }

    [Fact]
    public async Task AnUnknownWatchModeOrAPollPeriodOutOfRangeIsRefused()
    {
        var id = await AddLibraryAsync();

        await AssertProblemAsync(
            await Client.PatchAsJsonAsync($"/api/libraries/{id}", new { watch_mode = "sometimes" }), HttpStatusCode.BadRequest, "auto, inotify, poll or off");
        await AssertProblemAsync(
            await Client.PatchAsJsonAsync($"/api/libraries/{id}", new { poll_seconds = -1 }), HttpStatusCode.BadRequest, "poll_seconds");
        await AssertProblemAsync(
            await Client.PostAsJsonAsync("/api/libraries", new { path = _disk.Root + "/x", watch_mode = "3" }), HttpStatusCode.BadRequest, "watch_mode");
        Assert.Equal("auto", (await _server.GetJsonAsync($"/api/libraries/{id}")).GetProperty("watch_mode").GetString());
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheApi()
    {
        var document = await _server.GetJsonAsync("/openapi/v1.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/libraries", paths);
        Assert.Contains("/api/libraries/{id}/scans", paths);
        Assert.Contains("/api/scans/{scanId}/cancel", paths);
        Assert.Contains("/api/files", paths);
        Assert.Contains("/api/status", paths);
        Assert.Contains("/api/events", paths);
    }

    [Fact]
    public async Task TheWebPageIsServedAtTheRoot()
    {
        var page = await Client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("<title>Nomarr</title>", page, StringComparison.Ordinal);
    }

    private async Task<long> AddLibraryAsync()
    {
        var response = await Client.PostAsJsonAsync("/api/libraries", new { path = _disk.Root });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    internal static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? detailContains)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        if (detailContains is not null)
        {
            Assert.Contains(detailContains, problem.ToString(), StringComparison.OrdinalIgnoreCase);
        }
    }
}
