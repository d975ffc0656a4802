namespace Nomarr.Components.Identity;

/// <summary>
/// Where the audio of a file is: its total length and the regions sampled for the identity (the
/// first and last <see cref="SampleSize"/> bytes of the audio, as runs of file bytes).
/// </summary>
internal sealed record AudioPayload(string Format, long Length, IReadOnlyList<PayloadRegion> Head, IReadOnlyList<PayloadRegion> Tail)
{
    public const int SampleSize = 64 * 1024;

    /// <summary>A payload made of whole regions (one for most formats, several MP4 mdat boxes).</summary>
    public static AudioPayload? FromRegions(string format, IReadOnlyList<PayloadRegion> regions)
    {
        var length = regions.Sum(r => r.Length);
        if (length <= 0)
        {
            return null;
        }

        var head = Slice(regions, 0, Math.Min(SampleSize, length));
        var tailStart = Math.Max(0, length - SampleSize);
        return new AudioPayload(format, length, head, Slice(regions, tailStart, length - tailStart));
    }

    /// <summary>The file runs that hold bytes [start, start + count) of the concatenated regions.</summary>
    public static IReadOnlyList<PayloadRegion> Slice(IReadOnlyList<PayloadRegion> regions, long start, long count)
    {
        var slices = new List<PayloadRegion>();
        var position = 0L;
        foreach (var region in regions)
        {
            if (count <= 0)
            {
                break;
            }

            var regionEnd = position + region.Length;
            if (start < regionEnd)
            {
                var skip = Math.Max(0, start - position);
                var take = Math.Min(region.Length - skip, count);
                slices.Add(new PayloadRegion(region.Offset + skip, take));
                start += take;
                count -= take;
            }

            position = regionEnd;
        }

        return slices;
    }
}
