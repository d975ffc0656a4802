using System.Text;

namespace Nomarr.Components.Playlists;

/// <summary>
/// The entries of an M3U, M3U8 or PLS file, as written: M3U lines that are not comments
/// (#EXTINF and the like), PLS "FileN=" values in N order. M3U8 is UTF-8; a plain M3U that is not
/// valid UTF-8 is read as Latin-1, as older players wrote it.
/// </summary>
public static class PlaylistParser
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IReadOnlyList<string> Parse(string fileName, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var text = Decode(content);
        var lines = text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Equals(Path.GetExtension(fileName), ".pls", StringComparison.OrdinalIgnoreCase) ? Pls(lines) : M3u(lines);
    }

    private static List<string> M3u(string[] lines) => lines.Where(l => l.Length > 0 && l[0] != '#').ToList();

    private static List<string> Pls(string[] lines)
    {
        var entries = new SortedDictionary<int, string>();
        foreach (var line in lines)
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 4 && line.StartsWith("File", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(line.AsSpan(4, equals - 4), System.Globalization.CultureInfo.InvariantCulture, out var number))
            {
                entries[number] = line[(equals + 1)..].Trim();
            }
        }

        return entries.Values.Where(v => v.Length > 0).ToList();
    }

    private static string Decode(byte[] content)
    {
        var start = content.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        try
        {
            return StrictUtf8.GetString(content, start, content.Length - start);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(content);
        }
    }
}
