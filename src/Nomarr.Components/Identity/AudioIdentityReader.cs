using System.Buffers.Binary;
using System.IO.Hashing;

namespace Nomarr.Components.Identity;

/// <summary>
/// The audio identity of a file: an XxHash128 of the audio payload's length and its first and
/// last 64 KiB, where the payload is located per format so that rewriting tags or cover art
/// leaves it unchanged. Two files with the same identity hold the same audio.
/// </summary>
public sealed class AudioIdentityReader
{
    /// <summary>The identity as 32 hex digits, or null when the file cannot be read or holds no audio payload.</summary>
    public string? Compute(string fullPath)
    {
        try
        {
            // FileShare.Read takes the same shared lock as ReadWrite on Linux, but lets .NET cache the
            // length: the locators ask for it on every read, and each ask would be one more fstat.
            using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 4096, FileOptions.RandomAccess);
            return Locate(stream) is { } payload ? Hash(stream, payload) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or EndOfStreamException)
        {
            return null;
        }
    }

    internal static AudioPayload? Locate(Stream stream)
    {
        Span<byte> magic = stackalloc byte[12];
        if (!StreamBytes.TryReadAt(stream, 0, magic))
        {
            return stream.Length > 0 ? WholeFile(stream) : null;
        }

        if (magic.StartsWith("OggS"u8))
        {
            return OggPayload.Locate(stream);
        }

        if (magic[4..8].SequenceEqual("ftyp"u8))
        {
            return Mp4Payload.Locate(stream);
        }

        if (magic.StartsWith("RIFF"u8) && magic[8..12].SequenceEqual("WAVE"u8))
        {
            return WavPayload.Locate(stream);
        }

        if (magic.StartsWith("FORM"u8) && (magic[8..12].SequenceEqual("AIFF"u8) || magic[8..12].SequenceEqual("AIFC"u8)))
        {
            return AiffPayload.Locate(stream);
        }

        if (magic.StartsWith("fLaC"u8))
        {
            return FlacPayload.Locate(stream);
        }

        if (magic.StartsWith("ID3"u8))
        {
            // FLAC files sometimes carry an ID3v2 tag in front of "fLaC".
            var afterTags = Id3Tags.SkipLeading(stream, 0);
            return StreamBytes.TryReadAt(stream, afterTags, magic[..4]) && magic[..4].SequenceEqual("fLaC"u8)
                ? FlacPayload.Locate(stream)
                : Mp3Payload.Locate(stream);
        }

        return magic[0] == 0xFF && (magic[1] & 0xE0) == 0xE0 ? Mp3Payload.Locate(stream) : WholeFile(stream);
    }

    private static AudioPayload? WholeFile(Stream stream) => AudioPayload.FromRegions("file", [new PayloadRegion(0, stream.Length)]);

    private static string Hash(Stream stream, AudioPayload payload)
    {
        var hash = new XxHash128();
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(length, payload.Length);
        hash.Append(length);
        var buffer = new byte[AudioPayload.SampleSize];
        foreach (var region in payload.Head.Concat(payload.Tail))
        {
            var read = buffer.AsSpan(0, (int)Math.Min(region.Length, buffer.Length));
            if (StreamBytes.TryReadAt(stream, region.Offset, read))
            {
                hash.Append(read);
            }
        }

        return Convert.ToHexStringLower(hash.GetCurrentHash());
    }
}
