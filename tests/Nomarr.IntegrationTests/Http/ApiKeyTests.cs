using System.Net;
using Nomarr.IntegrationTests.Infrastructure;

namespace Nomarr.IntegrationTests.Http;

public sealed class ApiKeyTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private ServeHost _server = null!;

    public async Task InitializeAsync() =>
        _server = await ServeHost.StartAsync(_database.Path, new Dictionary<string, string?> { ["Http:ApiKey"] = "s3cret-key" });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _database.Dispose();
    }

    [Theory]
    [InlineData("/api/libraries")]
    [InlineData("/api/status")]
    [InlineData("/api/files")]
    [InlineData("/api/events")]
    public async Task AnApiCallWithoutTheKeyIsUnauthorized(string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);

        var response = await _server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        await ApiTests.AssertProblemAsync(response, HttpStatusCode.Unauthorized, "X-Api-Key");
    }

    [Fact]
    public async Task AWrongKeyIsUnauthorizedAndTheRightOneIsServed()
    {
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/libraries") { Headers = { { "X-Api-Key", "s3cret-kex" } } };
        using var right = new HttpRequestMessage(HttpMethod.Get, "/api/libraries") { Headers = { { "X-Api-Key", "s3cret-key" } } };

        Assert.Equal(HttpStatusCode.Unauthorized, (await _server.Client.SendAsync(wrong)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _server.Client.SendAsync(right)).StatusCode);
    }

    [Fact]
    public async Task TheHealthCheckAndThePageNeedNoKey()
    {
        Assert.Equal(HttpStatusCode.OK, (await _server.Client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _server.Client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
    }
}
