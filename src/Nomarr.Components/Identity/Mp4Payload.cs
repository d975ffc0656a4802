namespace Nomarr.Components.Identity;

/// <summary>MP4/M4A: the contents of the top-level mdat boxes; tags live in moov/udta, elsewhere.</summary>
internal static class Mp4Payload
{
    public static AudioPayload? Locate(Stream stream)
    {
        var regions = new List<PayloadRegion>();
        var position = 0L;
        Span<byte> box = stackalloc byte[16];
        while (position + 8 <= stream.Length && StreamBytes.TryReadAt(stream, position, box[..8]))
        {
            long size = StreamBytes.UInt32BigEndian(box);
            var headerSize = 8L;
            if (size == 1)
            {
                if (!StreamBytes.TryReadAt(stream, position + 8, box[8..16]))
                {
                    break;
                }

                size = (long)System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(box[8..16]);
                headerSize = 16;
            }
            else if (size == 0)
            {
                size = stream.Length - position;
            }

            if (size < headerSize)
            {
                break;
            }

            if (box[4..8].SequenceEqual("mdat"u8))
            {
                regions.Add(new PayloadRegion(position + headerSize, Math.Min(size, stream.Length - position) - headerSize));
            }

            position += size;
        }

        return regions.Count == 0 ? null : AudioPayload.FromRegions("mp4", regions);
    }
}
