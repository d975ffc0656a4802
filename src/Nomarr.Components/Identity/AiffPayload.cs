namespace Nomarr.Components.Identity;

/// <summary>AIFF/AIFF-C: the sample data of the SSND chunk; an ID3 chunk beside it holds the tags.</summary>
internal static class AiffPayload
{
    public static AudioPayload? Locate(Stream stream)
    {
        var position = 12L;
        Span<byte> chunk = stackalloc byte[16];
        while (StreamBytes.TryReadAt(stream, position, chunk[..8]))
        {
            long size = StreamBytes.UInt32BigEndian(chunk[4..]);
            if (chunk[..4].SequenceEqual("SSND"u8) && StreamBytes.TryReadAt(stream, position + 8, chunk[8..16]))
            {
                // SSND starts with an offset to the first sample and a block size.
                var start = position + 16 + StreamBytes.UInt32BigEndian(chunk[8..]);
                var end = Math.Min(position + 8 + size, stream.Length);
                return start >= end ? null : AudioPayload.FromRegions("aiff", [new PayloadRegion(start, end - start)]);
            }

            position += 8 + size + (size & 1);
        }

        return null;
    }
}
