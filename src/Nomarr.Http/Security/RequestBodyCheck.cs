using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Nomarr.Http.Security;

/// <summary>
/// Every POST carries Content-Type: application/json, even with an empty body: a browser cannot send
/// that from another page without a CORS preflight, which Nomarr never answers. And no request body
/// is larger than <see cref="MaxBodyBytes"/>: the API's requests are a few hundred bytes.
/// </summary>
internal static class RequestBodyCheck
{
    public const long MaxBodyBytes = 64 * 1024;

    public static IApplicationBuilder UseRequestBodyCheck(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var request = context.Request;
            if (HttpMethods.IsPost(request.Method) && !request.HasJsonContentType())
            {
                return Refusal.WriteAsync(
                    context,
                    StatusCodes.Status415UnsupportedMediaType,
                    "JSON required",
                    "Every POST carries Content-Type: application/json, even with an empty body.");
            }

            if (request.ContentLength > MaxBodyBytes)
            {
                return Refusal.WriteAsync(
                    context,
                    StatusCodes.Status413PayloadTooLarge,
                    "Request too large",
                    $"A request body has at most {MaxBodyBytes / 1024} KiB.");
            }

            // A chunked body has no length up front: reading past the limit fails with 413.
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = MaxBodyBytes;
            }

            return next(context);
        });
}
