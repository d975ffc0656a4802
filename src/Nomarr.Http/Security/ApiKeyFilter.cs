using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Nomarr.Http.Security;

/// <summary>When Http:ApiKey is set, every API call must carry it in the X-Api-Key header.</summary>
internal sealed class ApiKeyFilter(IOptions<HttpOptions> options) : IEndpointFilter
{
    public const string Header = "X-Api-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var expected = options.Value.ApiKey;
        if (string.IsNullOrEmpty(expected) || Matches(expected, context.HttpContext.Request.Headers[Header].ToString()))
        {
            return await next(context);
        }

        return TypedResults.Problem(
            $"This server needs an API key: send it in the {Header} header.",
            statusCode: StatusCodes.Status401Unauthorized,
            title: "API key required");
    }

    /// <summary>Compares in constant time, so the key cannot be guessed byte by byte from response times.</summary>
    private static bool Matches(string expected, string given) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(given)));
}
