using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Nomarr.IntegrationTests.Infrastructure;

/// <summary>
/// Another web site on a second loopback port: another origin than the server under test, as any page
/// the user opens in the same browser is. It serves one HTML page, given by the test.
/// </summary>
public sealed class OtherOrigin : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtherOrigin(WebApplication app) => _app = app;

    public Uri Address => new(_app.Urls.First());

    public static async Task<OtherOrigin> StartAsync(string html)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/", () => Results.Content(html, "text/html"));
        await app.StartAsync();
        return new OtherOrigin(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
