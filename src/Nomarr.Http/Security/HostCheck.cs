using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Nomarr.Http.Security;

/// <summary>
/// Refuses a request whose Host header is not one the server answers to (<see cref="HostNames"/>),
/// before anything else runs: a page on a rebound DNS name reaches 127.0.0.1 with its own name as Host.
/// The matching (ports ignored, "*" and "*.example.com" patterns) is ASP.NET Core's, as in its host filtering.
/// </summary>
internal static class HostCheck
{
    public static IApplicationBuilder UseHostCheck(this IApplicationBuilder app)
    {
        var allowed = HostNames.Allowed(app.ApplicationServices.GetRequiredService<IOptions<HttpOptions>>().Value);
        if (allowed.Contains("*"))
        {
            return app;
        }

        var patterns = allowed.Select(h => new StringSegment(h)).ToList();
        return app.Use((context, next) =>
        {
            var host = context.Request.Host;
            if (host.HasValue && HostString.MatchesAny(host.Value, patterns))
            {
                return next(context);
            }

            return Refusal.WriteAsync(
                context,
                StatusCodes.Status400BadRequest,
                "Unknown host",
                $"This server does not answer to the host name '{host.Host}'; add it to Http:AllowedHosts if it is yours.");
        });
    }
}
