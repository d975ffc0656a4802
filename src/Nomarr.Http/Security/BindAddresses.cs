using System.Net;

namespace Nomarr.Http.Security;

/// <summary>Which of the configured listen URLs reach beyond this machine.</summary>
internal static class BindAddresses
{
    /// <summary>The URLs of a ";"-separated list whose host is not a loopback address (wildcards included).</summary>
    public static IReadOnlyList<string> NonLoopback(string urls)
    {
        var open = new List<string>();
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!IsLoopback(url))
            {
                open.Add(url);
            }
        }

        return open;
    }

    private static bool IsLoopback(string url)
    {
        // Kestrel's wildcards ("http://*:80", "http://+:80") do not parse as URIs; they listen everywhere.
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return false;
        }

        var host = uri.Host.Trim('[', ']');
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
               || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }
}
