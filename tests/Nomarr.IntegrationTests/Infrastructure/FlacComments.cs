using System.Buffers.Binary;
using System.Text;

namespace Nomarr.IntegrationTests.Infrastructure;

/// <summary>
/// Writes a FLAC file whose Vorbis comments are given as raw bytes, as a broken tagger writes them
/// (invalid UTF-8, NUL inside a value): TagLibSharp and mutagen only write valid text. The FLAC
/// format: "fLaC", then metadata blocks (a type byte with a last-block flag, a 24-bit length).
/// </summary>
public static class FlacComments
{
    private const byte VorbisComment = 4;

    public static void Write(string path, IEnumerable<byte[]> comments)
    {
        var source = File.ReadAllBytes(TempLibrary.Fixture(".flac"));
        var blocks = new List<(byte Type, byte[] Body)>();
        var at = 4;
        bool last;
        do
        {
            last = (source[at] & 0x80) != 0;
            var type = (byte)(source[at] & 0x7F);
            var length = (source[at + 1] << 16) | (source[at + 2] << 8) | source[at + 3];
            if (type != VorbisComment)
            {
                blocks.Add((type, source[(at + 4)..(at + 4 + length)]));
            }

            at += 4 + length;
        }
        while (!last);

        blocks.Insert(1, (VorbisComment, CommentBlock(comments)));
        using var output = new MemoryStream();
        output.Write("fLaC"u8);
        for (var i = 0; i < blocks.Count; i++)
        {
            var (type, body) = blocks[i];
            output.WriteByte((byte)(type | (i == blocks.Count - 1 ? 0x80 : 0)));
            output.WriteByte((byte)(body.Length >> 16));
            output.WriteByte((byte)(body.Length >> 8));
            output.WriteByte((byte)body.Length);
            output.Write(body);
        }

        output.Write(source.AsSpan(at));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, output.ToArray());
    }

    /// <summary>"NAME=" in ASCII followed by the raw value bytes.</summary>
    public static byte[] Comment(string name, ReadOnlySpan<byte> value) => [.. Encoding.ASCII.GetBytes(name + "="), .. value];

    private static byte[] CommentBlock(IEnumerable<byte[]> comments)
    {
        using var body = new MemoryStream();
        var vendor = "nomarr-tests"u8;
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(number, (uint)vendor.Length);
        body.Write(number);
        body.Write(vendor);
        var list = comments.ToList();
        BinaryPrimitives.WriteUInt32LittleEndian(number, (uint)list.Count);
        body.Write(number);
        foreach (var comment in list)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(number, (uint)comment.Length);
            body.Write(number);
            body.Write(comment);
        }

        return body.ToArray();
    }
}
