using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Nomarr.Helpers.Errors;
using Nomarr.Helpers.Paths;

namespace Nomarr.Http.Problems;

/// <summary>Turns the errors a caller can cause into RFC 7807 problem details with the right status code.</summary>
internal sealed class DomainExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = exception switch
        {
            LibraryNotFoundException => (StatusCodes.Status404NotFound, "Unknown library"),
            InvalidScanPathException => (StatusCodes.Status400BadRequest, "Invalid path"),
            InvalidLibraryRootException => (StatusCodes.Status400BadRequest, "Invalid library folder"),
            LibraryRootRefusedException => (StatusCodes.Status403Forbidden, "Library folder not allowed"),
            LibraryAlreadyExistsException => (StatusCodes.Status409Conflict, "Library exists"),
            ScanAlreadyRunningException => (StatusCodes.Status409Conflict, "Scan running"),
            ScanRefusedException => (StatusCodes.Status409Conflict, "Scan refused: the library folder looks like an unmounted drive"),
            ChangeCursorExpiredException => (StatusCodes.Status410Gone, "Change cursor expired"),
            BadHttpRequestException bad => (bad.StatusCode, "Bad request"),
            ArgumentException => (StatusCodes.Status400BadRequest, "Bad request"),
            _ => (0, string.Empty),
        };
        if (status == 0)
        {
            return false;
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = exception.Message },
        });
    }
}
