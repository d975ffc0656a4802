using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Nomarr.Http.Security;

/// <summary>
/// Headers on every response, refusals included. The page may load only its own script and style and
/// may not be framed by another page; API answers are never sniffed into HTML nor kept in a cache.
/// </summary>
internal static class SecurityHeaders
{
    public const string PagePolicy = "default-src 'self'; img-src 'self' blob:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            // Set as the response starts, so that an error answer written by the exception handler,
            // which clears the headers, has them too.
            context.Response.OnStarting(static state => Add((HttpContext)state), context);
            return next(context);
        });

    private static Task Add(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            headers.CacheControl = "no-store";
            headers.ContentSecurityPolicy = ApiPolicy;
        }
        else
        {
            headers.ContentSecurityPolicy = PagePolicy;
        }

        return Task.CompletedTask;
    }
}
