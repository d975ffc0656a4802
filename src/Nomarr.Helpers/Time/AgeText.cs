using System.Globalization;

namespace Nomarr.Helpers.Time;

/// <summary>Ages written the short way: "30d", "12h", "90m", "45s", "2w".</summary>
public static class AgeText
{
    /// <exception cref="ArgumentException">The text is not a whole number followed by s, m, h, d or w.</exception>
    public static TimeSpan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length >= 2
            && long.TryParse(trimmed.AsSpan(0, trimmed.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count <= 100_000)
        {
            switch (char.ToLowerInvariant(trimmed[^1]))
            {
                case 's': return TimeSpan.FromSeconds(count);
                case 'm': return TimeSpan.FromMinutes(count);
                case 'h': return TimeSpan.FromHours(count);
                case 'd': return TimeSpan.FromDays(count);
                case 'w': return TimeSpan.FromDays(count * 7);
            }
        }

        throw new ArgumentException($"'{text}' is not an age: write a whole number and a unit, such as 30d, 12h, 90m, 45s or 2w.");
    }
}
