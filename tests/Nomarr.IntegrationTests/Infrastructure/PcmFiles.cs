using System.Buffers.Binary;
using System.Text;

namespace Nomarr.IntegrationTests.Infrastructure;

/// <summary>
/// The same synthetic audio (15 s of stepped tones and noise, 8 kHz mono) as a WAV or an AIFF file:
/// different bytes, identical decoded samples, long enough for a Chromaprint fingerprint.
/// </summary>
public static class PcmFiles
{
    private const int Rate = 8000;

    public static byte[] Wav()
    {
        var samples = Samples();
        using var output = new MemoryStream();
        using var w = new BinaryWriter(output);
        w.Write("RIFF"u8);
        w.Write(36 + (samples.Length * 2));
        w.Write("WAVEfmt "u8);
        w.Write(16);
        w.Write((short)1);
        w.Write((short)1);
        w.Write(Rate);
        w.Write(Rate * 2);
        w.Write((short)2);
        w.Write((short)16);
        w.Write("data"u8);
        w.Write(samples.Length * 2);
        foreach (var s in samples)
        {
            w.Write(s);
        }

        return output.ToArray();
    }

    public static byte[] Aiff()
    {
        var samples = Samples();
        var comm = new byte[18];
        BinaryPrimitives.WriteInt16BigEndian(comm, 1);
        BinaryPrimitives.WriteInt32BigEndian(comm.AsSpan(2), samples.Length);
        BinaryPrimitives.WriteInt16BigEndian(comm.AsSpan(6), 16);

        // The sample rate as an 80-bit IEEE extended number: 8000 = 1.953125 x 2^12.
        BinaryPrimitives.WriteUInt16BigEndian(comm.AsSpan(8), 16383 + 12);
        BinaryPrimitives.WriteUInt64BigEndian(comm.AsSpan(10), (ulong)Rate << (63 - 12));
        var ssnd = new byte[8 + (samples.Length * 2)];
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16BigEndian(ssnd.AsSpan(8 + (i * 2)), samples[i]);
        }

        using var output = new MemoryStream();
        output.Write(Encoding.ASCII.GetBytes("FORM"));
        output.Write(BigEndian(4 + 8 + comm.Length + 8 + ssnd.Length));
        output.Write("AIFFCOMM"u8);
        output.Write(BigEndian(comm.Length));
        output.Write(comm);
        output.Write("SSND"u8);
        output.Write(BigEndian(ssnd.Length));
        output.Write(ssnd);
        return output.ToArray();
    }

    private static byte[] BigEndian(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }

    private static short[] Samples()
    {
        var random = new Random(1);
        var samples = new short[Rate * 15];
        for (var i = 0; i < samples.Length; i++)
        {
            var frequency = 300 + (100 * (i / Rate));
            samples[i] = (short)((8000 * Math.Sin(2 * Math.PI * frequency * i / Rate)) + random.Next(-500, 501));
        }

        return samples;
    }
}
