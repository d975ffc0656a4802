using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Nomarr.Helpers.Json;
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
        return builder;
    }

    /// <summary>Maps Nomarr's endpoints.</summary>
    public static WebApplication MapNomarrHttp(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapGet("/health", () => TypedResults.Ok(new { Status = "ok" }));
        return app;
    }
}
