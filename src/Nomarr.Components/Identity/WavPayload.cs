namespace Nomarr.Components.Identity;

/// <summary>WAV: the data chunk; LIST/INFO and id3 chunks around it hold the tags.</summary>
internal static class WavPayload
{
    public static AudioPayload? Locate(Stream stream)
    {
        var position = 12L;
        Span<byte> chunk = stackalloc byte[8];
        while (StreamBytes.TryReadAt(stream, position, chunk))
        {
            long size = StreamBytes.UInt32LittleEndian(chunk[4..]);
            if (chunk[..4].SequenceEqual("data"u8))
            {
                return AudioPayload.FromRegions("wav", [new PayloadRegion(position + 8, Math.Min(size, stream.Length - position - 8))]);
            }

            position += 8 + size + (size & 1);
        }

        return null;
    }
}
