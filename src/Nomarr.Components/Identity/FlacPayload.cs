namespace Nomarr.Components.Identity;

/// <summary>FLAC: the frames after the last metadata block (tags and pictures are metadata blocks).</summary>
internal static class FlacPayload
{
    public static AudioPayload? Locate(Stream stream)
    {
        var position = Id3Tags.SkipLeading(stream, 0);
        Span<byte> header = stackalloc byte[4];
        if (!StreamBytes.TryReadAt(stream, position, header) || !header.SequenceEqual("fLaC"u8))
        {
            return null;
        }

        position += 4;
        while (true)
        {
            if (!StreamBytes.TryReadAt(stream, position, header))
            {
                return null;
            }

            var length = (header[1] << 16) | (header[2] << 8) | header[3];
            position += 4 + length;
            if ((header[0] & 0x80) != 0)
            {
                break;
            }
        }

        var end = Id3Tags.TrimTrailing(stream, position, stream.Length);
        return position >= end ? null : AudioPayload.FromRegions("flac", [new PayloadRegion(position, end - position)]);
    }
}
