using System.Net;
using Nomarr.IntegrationTests.Infrastructure;

namespace Nomarr.IntegrationTests.Http.Security;

[Collection(ServeTestGroup.Name)]
public sealed class SecurityHeadersTests : IAsyncLifetime
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
    [InlineData("/")]
    [InlineData("/app.js")]
    [InlineData("/app.css")]
    public async Task ThePageAllowsOnlyItsOwnScriptAndCannotBeFramed(string path)
    {
        var response = await _server.Client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = Header(response, "Content-Security-Policy");
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
    }

    [Theory]
    [InlineData("/api/libraries", HttpStatusCode.OK)]
    [InlineData("/api/libraries/999", HttpStatusCode.NotFound)]
    [InlineData("/api/files?limit=0", HttpStatusCode.BadRequest)]
    public async Task ApiAnswersAreNeitherSniffedNorCached(string path, HttpStatusCode status)
    {
        var response = await _server.Client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.True(response.Headers.CacheControl?.NoStore, $"{path}: Cache-Control is '{response.Headers.CacheControl}'");
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : string.Empty;
}
