namespace Nomarr.Components.Identity;

/// <summary>The tag blocks that can wrap MPEG audio (and, rarely, FLAC): ID3v2 in front, ID3v1, APEv2, Lyrics3 and ID3v2 footers behind.</summary>
internal static class Id3Tags
{
    /// <summary>The offset of the first byte after the ID3v2 tags at the start of the file.</summary>
    public static long SkipLeading(Stream stream, long start)
    {
        Span<byte> header = stackalloc byte[10];
        while (StreamBytes.TryReadAt(stream, start, header) && header.StartsWith("ID3"u8))
        {
            var footer = (header[5] & 0x10) != 0 ? 10 : 0;
            start += 10 + StreamBytes.Syncsafe(header[6..]) + footer;
        }

        return start;
    }

    /// <summary>The offset just past the audio, once the trailing tags (in any order) are cut off.</summary>
    public static long TrimTrailing(Stream stream, long start, long end)
    {
        Span<byte> buffer = stackalloc byte[32];
        var changed = true;
        while (changed && end > start)
        {
            changed = false;
            if (end - 128 >= start && StreamBytes.TryReadAt(stream, end - 128, buffer[..3]) && buffer[..3].SequenceEqual("TAG"u8))
            {
                end -= 128;
                changed = true;
            }

            // A tag's size counts its 32-byte footer: a smaller one is damage, and cutting nothing would loop forever.
            if (end - 32 >= start && StreamBytes.TryReadAt(stream, end - 32, buffer) && buffer.StartsWith("APETAGEX"u8)
                && StreamBytes.UInt32LittleEndian(buffer[12..]) >= 32)
            {
                var size = StreamBytes.UInt32LittleEndian(buffer[12..]);
                var hasHeader = (StreamBytes.UInt32LittleEndian(buffer[20..]) & 0x8000_0000) != 0;
                end -= size + (hasHeader ? 32 : 0);
                changed = true;
            }

            if (end - 10 >= start && StreamBytes.TryReadAt(stream, end - 10, buffer[..10]) && buffer.StartsWith("3DI"u8))
            {
                end -= StreamBytes.Syncsafe(buffer[6..10]) + 20;
                changed = true;
            }

            if (end - 15 >= start && StreamBytes.TryReadAt(stream, end - 15, buffer[..15]) && buffer[6..15].SequenceEqual("LYRICS200"u8)
                && long.TryParse(System.Text.Encoding.ASCII.GetString(buffer[..6]), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var lyrics))
            {
                end -= lyrics + 15;
                changed = true;
            }
        }

        return Math.Max(start, end);
    }
}
