namespace Nomarr.Cli.Hosting;

/// <summary>A database named on the command line: "sqlite:PATH" or "postgres:CONNECTION-STRING".</summary>
internal sealed record DatabaseAddress(string Provider, string Value)
{
    public static DatabaseAddress Parse(string text, string option)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var provider = colon > 0 ? text[..colon].ToLowerInvariant() : string.Empty;
        var value = colon > 0 ? text[(colon + 1)..] : string.Empty;
        if (provider is not ("sqlite" or "postgres") || value.Length == 0)
        {
            throw new ArgumentException($"{option} takes sqlite:PATH or postgres:CONNECTION-STRING, not '{text}'.");
        }

        return new DatabaseAddress(provider, value);
    }

    public IEnumerable<KeyValuePair<string, string?>> Settings() => Provider == "sqlite"
        ? [new("Database:Provider", "sqlite"), new("Database:Path", Value), new("Database:ConnectionString", null)]
        : [new("Database:Provider", "postgres"), new("Database:ConnectionString", Value)];
}
