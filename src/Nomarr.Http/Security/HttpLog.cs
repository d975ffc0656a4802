using Microsoft.Extensions.Logging;

namespace Nomarr.Http.Security;

internal static partial class HttpLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "*** Nomarr listens on {Urls}, reachable from other machines, WITHOUT an API key: anyone who can reach it can add, scan and remove libraries. Set Http:ApiKey (NOMARR_Http__ApiKey) or listen on 127.0.0.1. ***")]
    public static partial void OpenWithoutKey(ILogger logger, string urls);

    [LoggerMessage(Level = LogLevel.Warning, Message = "*** Without Http:AllowedHosts, Nomarr answers to any host name: a web page on a name that resolves to this machine can read and change the libraries. Set Http:ApiKey, or Http:AllowedHosts to the names it is reached by (docs/security.md). ***")]
    public static partial void AnyHostWithoutKey(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Nomarr serves its API and web page on {Urls}")]
    public static partial void Listening(ILogger logger, string urls);

    [LoggerMessage(Level = LogLevel.Information, Message = "An event stream client was dropped: {Reason}")]
    public static partial void EventClientDropped(ILogger logger, Nomarr.Http.Events.EventStreamEnd reason);
}
