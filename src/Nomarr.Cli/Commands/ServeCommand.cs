using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Nomarr.Cli.Hosting;
using Nomarr.Http;

namespace Nomarr.Cli.Commands;

/// <summary>`nomarr serve`: the long-lived service (HTTP interface and background scans) until Ctrl-C or SIGTERM.</summary>
internal static class ServeCommand
{
    public static Command Build()
    {
        var urls = new Option<string?>("--urls") { Description = "Where to listen (default Http:Urls, http://127.0.0.1:8356)" };
        var command = new Command("serve", "Run Nomarr as a service: HTTP API, web page, background scans") { urls };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, async () =>
        {
            var app = BuildApp(parse, parse.GetValue(urls), []);
            await using (app)
            {
                // Every setting is checked before anything starts, so a bad one is one clear line, not a failed start.
                app.Services.GetService<IStartupValidator>()?.Validate();
                await app.StartAsync(ct);
                await app.WaitForShutdownAsync(ct);
                await app.StopAsync(CancellationToken.None);
            }

            return 0;
        }));
        return command;
    }

    /// <summary>
    /// SQLite's calls (its busy wait included) and TagLibSharp's reads block the thread they run on. With the
    /// pool's default floor of one thread a core, a small machine answered /health late while a scan ran,
    /// waiting for the pool to grow (docs/reliability.md, the burst case); the server keeps a floor of 16.
    /// One-shot commands keep the default: they serve no requests.
    /// </summary>
    private static void KeepThreadsForRequests()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 16), io);
    }

    /// <summary>The serve host; also built by tests, with extra settings and, last, services of their own.</summary>
    public static WebApplication BuildApp(
        ParseResult parse, string? urls, IEnumerable<KeyValuePair<string, string?>> extraSettings, Action<IServiceCollection>? services = null)
    {
        ArgumentNullException.ThrowIfNull(parse);
        KeepThreadsForRequests();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        CliHost.Configure(builder.Configuration, parse);
        builder.Configuration.AddInMemoryCollection(extraSettings);
        if (!string.IsNullOrEmpty(urls))
        {
            builder.Configuration["Http:Urls"] = urls;
        }

        CliHost.ConfigureLogging(builder.Logging, builder.Configuration, parse, serving: true);
        builder.AddNomarrDatabase();
        builder.AddNomarrHttp();
        builder.WebHost.UseUrls(builder.Configuration["Http:Urls"] ?? new HttpOptions().Urls);
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapNomarrHttp();
        return app;
    }
}
