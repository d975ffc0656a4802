using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nomarr.Helpers.Json;
using Nomarr.Http.Changes;
using Nomarr.Http.Events;
using Nomarr.Http.Files;
using Nomarr.Http.Libraries;
using Nomarr.Http.Playlists;
using Nomarr.Http.Problems;
using Nomarr.Http.Scans;
using Nomarr.Http.Security;
using Nomarr.Http.Nodes;
using Nomarr.Http.Status;
using Nomarr.Services;

namespace Nomarr.Http;

public static class HttpExtensions
{
    /// <summary>Registers the HTTP interface and everything below it: services, background scans, watchers.</summary>
    public static WebApplicationBuilder AddNomarrHttp(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddNomarrServices();
        builder.AddNomarrBackgroundScans();
        builder.AddNomarrWatchers();
        builder.Services.AddOptions<HttpOptions>().BindConfiguration(HttpOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.ConfigureHttpJsonOptions(o => NomarrJson.Configure(o.SerializerOptions));
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<DomainExceptionHandler>();
        builder.Services.AddSingleton<EventStreamSlots>();
        builder.Services.AddOpenApi();
        return builder;
    }

    /// <summary>
    /// Maps the web page, the OpenAPI document, /health and the /api endpoints, behind the security checks
    /// (docs/security.md): the Host and cross-site checks first, then the API key, then the body rules, so
    /// that nothing a refused request sends reaches routing, model binding or an endpoint.
    /// </summary>
    public static WebApplication MapNomarrHttp(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        WarnWhenOpen(app);
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseHostCheck();
        app.UseCrossSiteCheck();
        app.UseApiKeyCheck();
        app.UseRequestBodyCheck();

        // The page is embedded in the assembly: no build step, nothing to copy beside the binary.
        var page = new EmbeddedFileProvider(typeof(HttpExtensions).Assembly, "Nomarr.Http.wwwroot");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = page });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = page });
        app.UseRouting();

        app.MapOpenApi();
        app.MapGet("/health", () => TypedResults.Ok(new { Status = "ok" })).WithTags("Status").WithName("Health");

        var api = app.MapGroup("/api").ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapLibrariesApi();
        api.MapScansApi();
        api.MapFilesApi();
        api.MapChangesApi();
        api.MapPlaylistsApi();
        api.MapStatusApi();
        api.MapNodesApi();
        api.MapEventsApi();
        return app;
    }

    private static void WarnWhenOpen(WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<HttpOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Nomarr.Http");
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            HttpLog.Listening(logger, string.Join(", ", app.Urls));
            var open = BindAddresses.NonLoopback(options.Urls);
            if (open.Count > 0 && string.IsNullOrEmpty(options.ApiKey))
            {
                HttpLog.OpenWithoutKey(logger, string.Join(", ", open));
                if (HostNames.Configured(options).Count == 0)
                {
                    HttpLog.AnyHostWithoutKey(logger);
                }
            }
        });
    }
}
