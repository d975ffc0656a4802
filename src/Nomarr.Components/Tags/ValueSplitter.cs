namespace Nomarr.Components.Tags;

/// <summary>
/// Splits a single artist or genre value that names several ("A / B", "A feat. B") into its parts.
/// Names listed as exceptions ("AC/DC") are never cut. Only single values are split: a tag that
/// holds several values already says where they part.
/// </summary>
public sealed class ValueSplitter(IReadOnlyCollection<string> exceptions)
{
    private static readonly string[] PeopleSeparators = [" / ", "; ", " feat. ", " ft. ", " Feat. ", " Ft. ", " FEAT. ", " featuring "];
    private static readonly string[] GenreSeparators = [" / ", "; ", ";", ",", "/"];

    private readonly string[] _exceptions = exceptions.Where(e => !string.IsNullOrWhiteSpace(e)).OrderByDescending(e => e.Length).ToArray();

    public IReadOnlyList<string> People(IReadOnlyList<string> values) => Split(values, PeopleSeparators);

    public IReadOnlyList<string> Genres(IReadOnlyList<string> values) => Split(values, GenreSeparators);

    private List<string> Split(IReadOnlyList<string> values, string[] separators)
    {
        if (values.Count != 1)
        {
            return values.Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        }

        // Exceptions are swapped for placeholders that contain no separator, and swapped back after.
        var text = values[0];
        var protectedNames = new List<string>();
        foreach (var exception in _exceptions)
        {
            var at = text.IndexOf(exception, StringComparison.OrdinalIgnoreCase);
            while (at >= 0)
            {
                protectedNames.Add(text.Substring(at, exception.Length));
                var placeholder = "\u0001" + (protectedNames.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + "\u0001";
                text = string.Concat(text.AsSpan(0, at), placeholder, text.AsSpan(at + exception.Length));
                at = text.IndexOf(exception, at + placeholder.Length, StringComparison.OrdinalIgnoreCase);
            }
        }

        return text.Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => Restore(part, protectedNames))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    private static string Restore(string part, List<string> protectedNames)
    {
        for (var i = 0; i < protectedNames.Count; i++)
        {
            part = part.Replace("\u0001" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\u0001", protectedNames[i], StringComparison.Ordinal);
        }

        return part;
    }
}
