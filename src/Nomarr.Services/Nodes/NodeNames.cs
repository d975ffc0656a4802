using System.Text.RegularExpressions;

namespace Nomarr.Services.Nodes;

/// <summary>What a node name may be: the rule of Node:Name, for names given to `library add --node` and the API.</summary>
public static partial class NodeNames
{
    /// <exception cref="ArgumentException">Not a node name.</exception>
    public static string Check(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var trimmed = name.Trim();
        return Pattern().IsMatch(trimmed)
            ? trimmed
            : throw new ArgumentException($"'{name}' is not a node name: 1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$")]
    private static partial Regex Pattern();
}
