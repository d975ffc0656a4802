using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Nomarr.Cli.Commands;
using Nomarr.Helpers.Json;

namespace Nomarr.IntegrationTests.Infrastructure;

/// <summary>
/// The real `nomarr serve` app (built by ServeCommand.BuildApp) on Kestrel, on a free loopback
/// port, over a real SQLite file; an HttpClient pointed at it.
/// </summary>
public sealed class ServeHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _stopped;

    private ServeHost(WebApplication app, string databasePath, Uri address)
    {
        _app = app;
        DatabasePath = databasePath;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
    }

    public static JsonSerializerOptions Json => NomarrJson.Options;

    public string DatabasePath { get; }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts the server; <paramref name="services"/> adds or replaces services after the product's own.</summary>
    public static async Task<ServeHost> StartAsync(string databasePath, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var parse = NomarrCommandLine.Build().Parse(["serve", "--db", databasePath]);
        var all = new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Nomarr.Http"] = "Information",

            // Scans start only when a test asks for one.
            ["Watcher:ScanOnStart"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var app = ServeCommand.BuildApp(parse, "http://127.0.0.1:0", all, services);
        await app.StartAsync();
        return new ServeHost(app, databasePath, new Uri(app.Urls.First()));
    }

    /// <summary>An empty JSON body: every POST carries Content-Type: application/json, even without a body.</summary>
    public static HttpContent NoBody() => new StringContent(string.Empty, System.Text.Encoding.UTF8, "application/json");

    public T Get<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Polls a scan until it is no longer queued or running.</summary>
    public async Task<JsonElement> WaitForScanAsync(long scanId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (true)
        {
            var run = await GetJsonAsync($"/api/scans/{scanId}");
            if (run.GetProperty("status").GetString() is not ("queued" or "running"))
            {
                return run;
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    /// <summary>A graceful shutdown, as on Ctrl-C or SIGTERM.</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _app.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
