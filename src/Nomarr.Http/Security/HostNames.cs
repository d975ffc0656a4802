namespace Nomarr.Http.Security;

/// <summary>
/// The Host header values the server answers to. Always the loopback names, with any port; plus
/// Http:AllowedHosts. A non-loopback bind without Http:AllowedHosts answers any host, as the operator
/// has not said which names reach it (the start-up warning says so when there is no API key either).
/// </summary>
internal static class HostNames
{
    public static readonly IReadOnlyList<string> Loopback = ["localhost", "127.0.0.1", "[::1]"];

    public static IReadOnlyList<string> Allowed(HttpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configured = Configured(options);
        if (configured.Count == 0 && BindAddresses.NonLoopback(options.Urls).Count > 0)
        {
            return ["*"];
        }

        return [.. Loopback, .. configured];
    }

    public static IReadOnlyList<string> Configured(HttpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return (options.AllowedHosts ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
