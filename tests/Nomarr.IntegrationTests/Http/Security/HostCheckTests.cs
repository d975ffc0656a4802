using System.Net;
using Nomarr.IntegrationTests.Infrastructure;

namespace Nomarr.IntegrationTests.Http.Security;

/// <summary>DNS rebinding: a page on evil.example whose name now points to 127.0.0.1 sends Host: evil.example.</summary>
[Collection(ServeTestGroup.Name)]
public sealed class HostCheckTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private ServeHost _server = null!;

    public async Task InitializeAsync() => _server = await ServeHost.StartAsync(_database.Path);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _database.Dispose();
    }

    [Theory]
    [InlineData("/api/files?limit=5")]
    [InlineData("/api/libraries")]
    [InlineData("/")]
    [InlineData("/app.js")]
    public async Task AForeignHostIsRefusedOnTheApiAndThePage(string path)
    {
        var response = await SendAsync(HttpMethod.Get, path, $"evil.example:{_server.Address.Port}");

        await ApiTests.AssertProblemAsync(response, HttpStatusCode.BadRequest, "Http:AllowedHosts");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task ABrowserThatAcceptsOnlyHtmlIsToldWhyToo()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = "evil.example";
        request.Headers.Accept.ParseAdd("text/html");

        var response = await _server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Http:AllowedHosts", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AForeignHostCannotAddALibrary()
    {
        using var disk = new TempLibrary();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/libraries")
        {
            Content = new StringContent($$"""{"path": "{{disk.Root}}"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Host = "evil.example";

        var response = await _server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await DatabaseRows.CountAsync(_server.DatabasePath, "libraries"));
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("localhost:1")]
    [InlineData("LOCALHOST:8356")]
    [InlineData("127.0.0.1:65000")]
    [InlineData("[::1]:8356")]
    public async Task ALoopbackHostWithAnyPortIsServed(string host)
    {
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/api/libraries", host)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/", host)).StatusCode);
    }

    [Fact]
    public async Task AllowedHostsAddsNamesAndKeepsRefusingOthers()
    {
        await using var proxied = await ServeHost.StartAsync(_database.Path + ".proxy.db", new Dictionary<string, string?> { ["Http:AllowedHosts"] = "music.example; *.home.arpa" });
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(proxied, "/api/libraries", "music.example")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(proxied, "/api/libraries", "nas.home.arpa:8356")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(proxied, "/api/libraries", "localhost:8356")).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(proxied, "/api/libraries", "evil.example")).StatusCode);
        }
        finally
        {
            await proxied.DisposeAsync();
            TempDatabase.Delete(_database.Path + ".proxy.db");
        }
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string host) => SendAsync(_server, path, host, method);

    private static async Task<HttpResponseMessage> SendAsync(ServeHost server, string path, string host, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        request.Headers.Host = host;
        return await server.Client.SendAsync(request);
    }
}
