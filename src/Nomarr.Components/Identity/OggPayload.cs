namespace Nomarr.Components.Identity;

/// <summary>
/// Ogg (Vorbis, Opus, FLAC, Speex): the bodies of the audio pages, without page headers.
/// </summary>
/// <remarks>
/// A retag rewrites the header packets and renumbers every later page, which changes each page's
/// sequence number and CRC but not its body: so only bodies are hashed. The codecs require the
/// first audio packet to start a fresh page, so header and audio pages never mix. The tail is
/// found by syncing on the capture pattern a fixed distance before the end of the file; audio pages
/// keep their size across a retag, so the same page is found each time.
/// </remarks>
internal static class OggPayload
{
    private const int PageHeaderSize = 27;

    public static AudioPayload? Locate(Stream stream)
    {
        var first = ReadPage(stream, 0);
        if (first is null)
        {
            return null;
        }

        var serial = first.Value.Serial;
        var headerPackets = HeaderPacketCount(stream, first.Value);
        var position = 0L;
        var completed = 0;
        while (completed < headerPackets)
        {
            var page = ReadPage(stream, position);
            if (page is null)
            {
                return null;
            }

            if (page.Value.Serial == serial)
            {
                completed += page.Value.PacketsEnded;
            }

            position = page.Value.End;
        }

        var audioStart = position;
        var head = new List<PayloadRegion>();
        var gathered = 0L;
        while (gathered < AudioPayload.SampleSize && ReadPage(stream, position) is { } page)
        {
            if (page.Serial == serial && page.BodyLength > 0)
            {
                var take = Math.Min(page.BodyLength, AudioPayload.SampleSize - gathered);
                head.Add(new PayloadRegion(page.BodyOffset, take));
                gathered += take;
            }

            position = page.End;
        }

        return gathered == 0 ? null : new AudioPayload("ogg", stream.Length - audioStart, head, Tail(stream, audioStart, serial));
    }

    private static List<PayloadRegion> Tail(Stream stream, long audioStart, uint serial)
    {
        var from = Math.Max(audioStart, stream.Length - AudioPayload.SampleSize);
        var buffer = new byte[stream.Length - from];
        StreamBytes.TryReadAt(stream, from, buffer);
        var tail = new List<PayloadRegion>();
        for (var i = 0; i + PageHeaderSize <= buffer.Length; i++)
        {
            var found = buffer.AsSpan(i).IndexOf("OggS"u8);
            if (found < 0 || i + found + PageHeaderSize > buffer.Length)
            {
                break;
            }

            i += found;
            if (buffer[i + 4] != 0)
            {
                continue;
            }

            var position = from + i;
            while (ReadPage(stream, position) is { } page)
            {
                if (page.Serial == serial && page.BodyLength > 0)
                {
                    tail.Add(new PayloadRegion(page.BodyOffset, page.BodyLength));
                }

                position = page.End;
            }

            if (tail.Count > 0)
            {
                break;
            }
        }

        return tail;
    }

    /// <summary>How many packets precede the audio, by the codec named in the first packet.</summary>
    private static int HeaderPacketCount(Stream stream, OggPage first)
    {
        Span<byte> magic = stackalloc byte[9];
        if (!StreamBytes.TryReadAt(stream, first.BodyOffset, magic))
        {
            return 1;
        }

        if (magic[1..7].SequenceEqual("vorbis"u8))
        {
            return 3;
        }

        if (magic[..8].SequenceEqual("OpusHead"u8) || magic[..8].SequenceEqual("Speex   "u8))
        {
            return 2;
        }

        if (magic[1..5].SequenceEqual("FLAC"u8))
        {
            // The mapping header says how many header packets follow it (0: unknown, assume one).
            var following = (magic[7] << 8) | magic[8];
            return 1 + Math.Max(1, following);
        }

        return 1;
    }

    private static OggPage? ReadPage(Stream stream, long position)
    {
        Span<byte> header = stackalloc byte[PageHeaderSize];
        if (!StreamBytes.TryReadAt(stream, position, header) || !header.StartsWith("OggS"u8) || header[4] != 0)
        {
            return null;
        }

        var segments = header[26];
        Span<byte> lacing = stackalloc byte[segments];
        if (!StreamBytes.TryReadAt(stream, position + PageHeaderSize, lacing))
        {
            return null;
        }

        var body = 0L;
        var ended = 0;
        foreach (var value in lacing)
        {
            body += value;
            ended += value < 255 ? 1 : 0;
        }

        var bodyOffset = position + PageHeaderSize + segments;
        if (bodyOffset + body > stream.Length)
        {
            return null;
        }

        return new OggPage(StreamBytes.UInt32LittleEndian(header[14..]), bodyOffset, body, ended);
    }

    private readonly record struct OggPage(uint Serial, long BodyOffset, long BodyLength, int PacketsEnded)
    {
        public long End => BodyOffset + BodyLength;
    }
}
