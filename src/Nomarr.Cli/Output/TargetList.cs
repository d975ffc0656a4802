using System.Globalization;

namespace Nomarr.Cli.Output;

/// <summary>A scan's targets as one short text: a few folders by name, more as a count (a run of 1,100 folders would fill a terminal).</summary>
internal static class TargetList
{
    private const int Named = 3;

    public static string Summarise(IReadOnlyList<string> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        return targets.Count <= Named
            ? string.Join(", ", targets.Select(t => t.Length == 0 ? "/" : t))
            : string.Create(CultureInfo.InvariantCulture, $"{targets.Count:N0} folders");
    }
}
