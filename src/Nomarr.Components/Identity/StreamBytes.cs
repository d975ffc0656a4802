using System.Buffers.Binary;

namespace Nomarr.Components.Identity;

/// <summary>Positioned reads for the payload locators.</summary>
internal static class StreamBytes
{
    /// <summary>Fills <paramref name="buffer"/> from <paramref name="offset"/>; false when the file ends first.</summary>
    public static bool TryReadAt(Stream stream, long offset, Span<byte> buffer)
    {
        if (offset < 0 || offset + buffer.Length > stream.Length)
        {
            return false;
        }

        stream.Position = offset;
        stream.ReadExactly(buffer);
        return true;
    }

    public static bool StartsWith(ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> magic) => bytes.StartsWith(magic);

    /// <summary>The 28-bit "syncsafe" integers of ID3v2 headers: 7 bits per byte.</summary>
    public static long Syncsafe(ReadOnlySpan<byte> b) => ((long)(b[0] & 0x7F) << 21) | ((long)(b[1] & 0x7F) << 14) | ((long)(b[2] & 0x7F) << 7) | (long)(b[3] & 0x7F);

    public static uint UInt32BigEndian(ReadOnlySpan<byte> b) => BinaryPrimitives.ReadUInt32BigEndian(b);

    public static uint UInt32LittleEndian(ReadOnlySpan<byte> b) => BinaryPrimitives.ReadUInt32LittleEndian(b);
}
