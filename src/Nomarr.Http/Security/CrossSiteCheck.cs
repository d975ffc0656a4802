using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Nomarr.Http.Security;

/// <summary>
/// Refuses, with 403, a request that a browser sent on behalf of another site: every state-changing
/// request (POST, PUT, PATCH, DELETE), and every API request, when Sec-Fetch-Site says it comes from
/// another site, or its Origin is not this server. A browser sends a form post or a no-cors fetch
/// without asking first, so this check is what keeps another page from starting or cancelling scans.
/// Clients that are not browsers (curl, scripts) send neither header and pass.
/// </summary>
internal static class CrossSiteCheck
{
    public static IApplicationBuilder UseCrossSiteCheck(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var request = context.Request;
            var guarded = !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method)
                          || request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
            if (guarded && (FromAnotherSite(request) || !OriginMatches(request)))
            {
                return Refusal.WriteAsync(
                    context,
                    StatusCodes.Status403Forbidden,
                    "Cross-site request refused",
                    "Nomarr answers requests from its own page and from clients that are not browsers, not from other web pages.");
            }

            return next(context);
        });

    /// <remarks>"same-site" is refused too: another port of the same host is the same site but another origin.</remarks>
    private static bool FromAnotherSite(HttpRequest request) =>
        request.Headers["Sec-Fetch-Site"].ToString() is "cross-site" or "same-site";

    /// <summary>
    /// No Origin, or one naming this server as the request's Host does. Only the host and port are compared:
    /// behind a TLS reverse proxy the page is https while the request reaches Nomarr as http.
    /// </summary>
    private static bool OriginMatches(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return true;
        }

        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !request.Host.HasValue)
        {
            return false;
        }

        var host = request.Host;
        if (!string.Equals(uri.Host, host.Host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase)
            && !string.Equals(uri.Host, host.Host, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return host.Port is { } port ? uri.Port == port : uri.IsDefaultPort;
    }
}
