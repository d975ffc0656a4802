using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using Nomarr.Components.Reading;

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
            using var opened = OpenedFile.Open(fullPath, CancellationToken.None);
            return opened.IsRegular ? Compute(opened.Stream) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The identity of a file opened by the caller (positioned reads; the stream stays open).</summary>
    public string? Compute(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
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
        var buffer = ArrayPool<byte>.Shared.Rent(AudioPayload.SampleSize);
        try
        {
            foreach (var region in payload.Head.Concat(payload.Tail))
            {
                var read = buffer.AsSpan(0, (int)Math.Min(region.Length, AudioPayload.SampleSize));
                if (StreamBytes.TryReadAt(stream, region.Offset, read))
                {
                    hash.Append(read);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return Convert.ToHexStringLower(hash.GetCurrentHash());
    }
}
