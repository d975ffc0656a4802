using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Nomarr.Http.Security;

/// <summary>
/// When Http:ApiKey is set, every call under /api must carry it in the X-Api-Key header. Checked
/// before routing and model binding, so a caller without the key learns nothing from a 400 or a 415.
/// </summary>
internal static class ApiKeyCheck
{
    public const string Header = "X-Api-Key";

    public static IApplicationBuilder UseApiKeyCheck(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<HttpOptions>>();
        return app.Use((context, next) =>
        {
            var expected = options.Value.ApiKey;
            if (string.IsNullOrEmpty(expected)
                || !context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
                || Matches(expected, context.Request.Headers[Header].ToString()))
            {
                return next(context);
            }

            return Refusal.WriteAsync(
                context,
                StatusCodes.Status401Unauthorized,
                "API key required",
                $"This server needs an API key: send it in the {Header} header.");
        });
    }

    /// <summary>Compares in constant time, so the key cannot be guessed byte by byte from response times.</summary>
    private static bool Matches(string expected, string given) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(given)));
}
