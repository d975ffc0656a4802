using System.Net;
using System.Text;
using Nomarr.IntegrationTests.Infrastructure;

namespace Nomarr.IntegrationTests.Http.Security;

/// <summary>The API key is checked before routing and model binding: without it, nothing about a request matters.</summary>
[Collection(ServeTestGroup.Name)]
public sealed class AuthenticationFirstTests : IAsyncLifetime
{
    private const string Key = "s3cret-key";

    private readonly TempDatabase _database = new();
    private ServeHost _server = null!;

    public async Task InitializeAsync() =>
        _server = await ServeHost.StartAsync(_database.Path, new Dictionary<string, string?> { ["Http:ApiKey"] = Key });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _database.Dispose();
    }

    [Theory]
    [InlineData("application/json", "{\"path\": ")]
    [InlineData("text/plain", "{}")]
    [InlineData("application/json", "{\"path\": 42}")]
    public async Task AnUnauthenticatedBadBodyIsUnauthorized(string contentType, string body)
    {
        var response = await PostAsync("/api/libraries", new StringContent(body, Encoding.UTF8, contentType), key: null);

        await ApiTests.AssertProblemAsync(response, HttpStatusCode.Unauthorized, "X-Api-Key");
    }

    [Fact]
    public async Task AnUnauthenticatedRequestToAnUnknownRouteIsUnauthorized()
    {
        var response = await _server.Client.GetAsync(new Uri("/api/no-such-thing/42", UriKind.Relative));

        await ApiTests.AssertProblemAsync(response, HttpStatusCode.Unauthorized, null);
    }

    [Fact]
    public async Task AnUnauthenticatedHugeBodyIsUnauthorizedAndAnAuthenticatedOneIsTooLarge()
    {
        var huge = "{\"path\": \"/" + new string('a', 70 * 1024) + "\"}";

        var anonymous = await PostAsync("/api/libraries", new StringContent(huge, Encoding.UTF8, "application/json"), key: null);
        var authenticated = await PostAsync("/api/libraries", new StringContent(huge, Encoding.UTF8, "application/json"), Key);

        await ApiTests.AssertProblemAsync(anonymous, HttpStatusCode.Unauthorized, null);
        await ApiTests.AssertProblemAsync(authenticated, HttpStatusCode.RequestEntityTooLarge, "64 KiB");
        Assert.Equal(0, await DatabaseRows.CountAsync(_server.DatabasePath, "libraries"));
    }

    [Fact]
    public async Task WithTheKeyAMalformedBodyIsABadRequest()
    {
        var response = await PostAsync("/api/libraries", new StringContent("{\"path\": ", Encoding.UTF8, "application/json"), Key);

        await ApiTests.AssertProblemAsync(response, HttpStatusCode.BadRequest, null);
    }

    private async Task<HttpResponseMessage> PostAsync(string path, HttpContent content, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        return await _server.Client.SendAsync(request);
    }
}
