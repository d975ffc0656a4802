using Microsoft.Extensions.Logging;

namespace Nomarr.Http.Security;

internal static partial class HttpLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "*** Nomarr listens on {Urls}, reachable from other machines, WITHOUT an API key: anyone who can reach it can add, scan and remove libraries. Set Http:ApiKey (NOMARR_Http__ApiKey) or listen on 127.0.0.1. ***")]
    public static partial void OpenWithoutKey(ILogger logger, string urls);

    [LoggerMessage(Level = LogLevel.Information, Message = "Nomarr serves its API and web page on {Urls}")]
    public static partial void Listening(ILogger logger, string urls);
}
