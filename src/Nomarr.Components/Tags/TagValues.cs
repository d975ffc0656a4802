using System.Reflection;
using System.Text;
using Nomarr.Helpers.Libraries;

namespace Nomarr.Components.Tags;

/// <summary>
/// Makes tag text safe to store and show: control characters other than tab and newline are removed
/// (a NUL or an escape sequence in a title reaches terminals and JSON), and each value is cut to a
/// number of UTF-8 bytes at a character boundary (an ID3v2 frame may hold 256 MB). A list (the
/// artists, the genres, every tag's values) is capped as one field: its values together hold at most
/// that many bytes, so ten thousand genres cannot stand in for one huge value.
/// </summary>
public static class TagValues
{
    private static readonly PropertyInfo[] TextFields =
        [.. typeof(AudioTags).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.PropertyType == typeof(string) && p.CanWrite)];

    /// <summary>Every text field of <paramref name="tags"/>, cleaned.</summary>
    public static AudioTags Clean(AudioTags tags, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(tags);
        AudioTags? copy = null;
        foreach (var field in TextFields)
        {
            var value = (string?)field.GetValue(tags);
            var clean = Clean(value, maxBytes);
            if (!ReferenceEquals(value, clean))
            {
                copy ??= tags with { };
                field.SetValue(copy, clean);
            }
        }

        copy ??= tags;
        var artists = Clean(tags.Artists, maxBytes);
        var albumArtists = Clean(tags.AlbumArtists, maxBytes);
        var genres = Clean(tags.Genres, maxBytes);
        var all = Clean(tags.All, maxBytes);
        if (ReferenceEquals(artists, tags.Artists) && ReferenceEquals(albumArtists, tags.AlbumArtists) && ReferenceEquals(genres, tags.Genres) && ReferenceEquals(all, tags.All))
        {
            return copy;
        }

        return copy with { Artists = artists, AlbumArtists = albumArtists, Genres = genres, All = all };
    }

    /// <summary>Each value cleaned, empty ones dropped, and the values kept only while they hold at most <paramref name="maxBytes"/> together (the last one cut).</summary>
    public static IReadOnlyList<string> Clean(IReadOnlyList<string> values, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(values);
        List<string>? copy = null;
        var budget = maxBytes;
        for (var i = 0; i < values.Count; i++)
        {
            var clean = budget > 0 ? Clean(values[i], budget) : null;
            if (copy is null && !ReferenceEquals(clean, values[i]))
            {
                copy = [.. values.Take(i)];
            }

            if (clean is not null)
            {
                budget -= Encoding.UTF8.GetByteCount(clean);
                copy?.Add(clean);
            }
        }

        return copy ?? values;
    }

    private static TagMap Clean(TagMap all, int maxBytes)
    {
        var cleaned = all.Select(kv => KeyValuePair.Create(kv.Key, Clean(kv.Value, maxBytes))).ToList();
        return cleaned.Any(kv => !ReferenceEquals(kv.Value, all[kv.Key])) ? new TagMap(cleaned) : all;
    }

    /// <summary>The value without control characters (tab and newline kept), cut to at most <paramref name="maxBytes"/> UTF-8 bytes; null when nothing is left.</summary>
    public static string? Clean(string? value, int maxBytes)
    {
        if (value is null)
        {
            return null;
        }

        var text = value.Any(IsRemoved) ? new string([.. value.Where(c => !IsRemoved(c))]) : value;
        if (Encoding.UTF8.GetByteCount(text) > maxBytes)
        {
            text = Cut(text, maxBytes);
        }

        text = ReferenceEquals(text, value) ? value : text.Trim();
        return text.Length == 0 ? null : text;
    }

    private static bool IsRemoved(char c) => char.IsControl(c) && c is not '\t' and not '\n';

    private static string Cut(string text, int maxBytes)
    {
        var bytes = 0;
        var end = 0;
        while (end < text.Length)
        {
            var length = char.IsHighSurrogate(text[end]) && end + 1 < text.Length && char.IsLowSurrogate(text[end + 1]) ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(text.AsSpan(end, length));
            if (bytes + size > maxBytes)
            {
                break;
            }

            bytes += size;
            end += length;
        }

        return text[..end];
    }
}
