using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Nomarr.IntegrationTests.Infrastructure;

namespace Nomarr.IntegrationTests.Http.Security;

/// <summary>
/// What a browser sends from another page without asking first (a form post, a no-cors fetch) is
/// refused, and leaves nothing in the database; what the page sends from its own origin works.
/// </summary>
[Collection(ServeTestGroup.Name)]
public sealed class CrossSiteTests : IAsyncLifetime
{
    private const string Evil = "http://evil.example";

    private readonly TempLibrary _disk = new();
    private readonly TempDatabase _database = new();
    private ServeHost _server = null!;
    private WriteHold _hold = null!;

    public async Task InitializeAsync()
    {
        _hold = new WriteHold(_database.Path);
        _server = await ServeHost.StartAsync(_database.Path, new Dictionary<string, string?> { ["Scanner:BatchSize"] = "1" }, _hold.AddTo);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _database.Dispose();
        _disk.Dispose();
    }

    [Fact]
    public async Task ACrossSiteEmptyPostStartsNoScan()
    {
        var id = await AddLibraryAsync();

        var fromOrigin = await SendAsync(HttpMethod.Post, $"/api/libraries/{id}/scans", null, ("Origin", Evil));
        var crossSite = await SendAsync(HttpMethod.Post, $"/api/libraries/{id}/scans", ServeHost.NoBody(), ("Sec-Fetch-Site", "cross-site"));
        var sameSite = await SendAsync(HttpMethod.Post, $"/api/libraries/{id}/scans", ServeHost.NoBody(), ("Sec-Fetch-Site", "same-site"));
        var otherPort = await SendAsync(HttpMethod.Post, $"/api/libraries/{id}/scans", ServeHost.NoBody(), ("Origin", $"http://127.0.0.1:{_server.Address.Port + 1}"));
        var opaque = await SendAsync(HttpMethod.Post, $"/api/libraries/{id}/scans", ServeHost.NoBody(), ("Origin", "null"));

        foreach (var response in new[] { fromOrigin, crossSite, sameSite, otherPort, opaque })
        {
            await ApiTests.AssertProblemAsync(response, HttpStatusCode.Forbidden, "other web pages");
        }

        Assert.Equal(0, await DatabaseRows.CountAsync(_server.DatabasePath, "scan_runs"));
        Assert.Equal(0, await DatabaseRows.CountAsync(_server.DatabasePath, "pending_scan_targets"));
    }

    [Fact]
    public async Task AnEmptyPostWithoutJsonStartsNoScanEvenWithoutAnOrigin()
    {
        var id = await AddLibraryAsync();

        var response = await SendAsync(HttpMethod.Post, $"/api/libraries/{id}/scans", null);

        await ApiTests.AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "application/json");
        Assert.Equal(0, await DatabaseRows.CountAsync(_server.DatabasePath, "scan_runs"));
    }

    [Fact]
    public async Task AFormPostCannotCancelARunningScan()
    {
        var audio = File.ReadAllBytes(TempLibrary.Fixture(".mp3"));
        for (var i = 0; i < 200; i++)
        {
            _disk.Write($"{i / 20}/{i:000}.mp3", audio);
        }

        var id = await AddLibraryAsync();
        _hold.Arm();
        var scanId = await StartScanAsync(id);
        await using (await _hold.Held.WaitAsync(TimeSpan.FromMinutes(1)))
        {
            // The scan cannot finish while the lock is held: the cancel arrives while it runs.
            Assert.Equal("running", (await _server.GetJsonAsync($"/api/scans/{scanId}")).GetProperty("status").GetString());
            var form = new FormUrlEncodedContent([]);
            var plain = new StringContent(string.Empty, Encoding.UTF8, "text/plain");
            await ApiTests.AssertProblemAsync(
                await SendAsync(HttpMethod.Post, $"/api/scans/{scanId}/cancel", form, ("Origin", Evil), ("Sec-Fetch-Site", "cross-site")), HttpStatusCode.Forbidden, null);
            await ApiTests.AssertProblemAsync(
                await SendAsync(HttpMethod.Post, $"/api/scans/{scanId}/cancel", plain, ("Origin", Evil)), HttpStatusCode.Forbidden, null);
            await ApiTests.AssertProblemAsync(
                await SendAsync(HttpMethod.Post, $"/api/scans/{scanId}/cancel", new FormUrlEncodedContent([])), HttpStatusCode.UnsupportedMediaType, null);
        }

        var run = await _server.WaitForScanAsync(scanId);

        Assert.Equal("completed", run.GetProperty("status").GetString());
        Assert.Equal(200, run.GetProperty("result").GetProperty("files_added").GetInt32());
    }

    [Fact]
    public async Task ATextPlainPostAddsNoLibrary()
    {
        var body = JsonSerializer.Serialize(new { path = _disk.Root });

        var simple = await SendAsync(HttpMethod.Post, "/api/libraries", new StringContent(body, Encoding.UTF8, "text/plain"));
        var crossSite = await SendAsync(HttpMethod.Post, "/api/libraries", new StringContent(body, Encoding.UTF8, "text/plain"), ("Origin", Evil), ("Sec-Fetch-Site", "cross-site"));
        var json = await SendAsync(HttpMethod.Post, "/api/libraries", new StringContent(body, Encoding.UTF8, "application/json"), ("Origin", Evil));

        await ApiTests.AssertProblemAsync(simple, HttpStatusCode.UnsupportedMediaType, "application/json");
        await ApiTests.AssertProblemAsync(crossSite, HttpStatusCode.Forbidden, null);
        await ApiTests.AssertProblemAsync(json, HttpStatusCode.Forbidden, null);
        Assert.Equal(0, await DatabaseRows.CountAsync(_server.DatabasePath, "libraries"));
    }

    [Fact]
    public async Task ACrossSiteDeleteOrPatchChangesNothing()
    {
        var id = await AddLibraryAsync();

        var delete = await SendAsync(HttpMethod.Delete, $"/api/libraries/{id}", null, ("Origin", Evil));
        var deleteSite = await SendAsync(HttpMethod.Delete, $"/api/libraries/{id}", null, ("Sec-Fetch-Site", "cross-site"));
        var patch = await SendAsync(HttpMethod.Patch, $"/api/libraries/{id}", JsonContent.Create(new { name = "owned" }), ("Origin", Evil));

        await ApiTests.AssertProblemAsync(delete, HttpStatusCode.Forbidden, null);
        await ApiTests.AssertProblemAsync(deleteSite, HttpStatusCode.Forbidden, null);
        await ApiTests.AssertProblemAsync(patch, HttpStatusCode.Forbidden, null);
        Assert.Equal(1, await DatabaseRows.CountAsync(_server.DatabasePath, "libraries"));
        Assert.NotEqual("owned", (await _server.GetJsonAsync($"/api/libraries/{id}")).GetProperty("name").GetString());
    }

    [Fact]
    public async Task AJsonPostFromThePagesOwnOriginStartsAScan()
    {
        _disk.AddTrack("A/1.mp3");
        var id = await AddLibraryAsync();
        var origin = _server.Address.GetLeftPart(UriPartial.Authority);

        var response = await SendAsync(HttpMethod.Post, $"/api/libraries/{id}/scans", ServeHost.NoBody(), ("Origin", origin), ("Sec-Fetch-Site", "same-origin"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var run = await _server.WaitForScanAsync((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("scan_id").GetInt64());
        Assert.Equal("completed", run.GetProperty("status").GetString());
        Assert.Equal(1, await DatabaseRows.CountAsync(_server.DatabasePath, "scan_runs"));
    }

    [Fact]
    public async Task APreflightGetsNoCorsHeaders()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/libraries");
        preflight.Headers.Add("Origin", Evil);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");

        var response = await _server.Client.SendAsync(preflight);

        Assert.False(response.IsSuccessStatusCode);
        Assert.DoesNotContain(response.Headers, h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
    }

    private async Task<long> AddLibraryAsync()
    {
        var response = await _server.Client.PostAsJsonAsync("/api/libraries", new { path = _disk.Root, watch = false });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private async Task<long> StartScanAsync(long id)
    {
        var response = await _server.Client.PostAsync(new Uri($"/api/libraries/{id}/scans", UriKind.Relative), ServeHost.NoBody());
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("scan_id").GetInt64();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return await _server.Client.SendAsync(request);
    }
}
