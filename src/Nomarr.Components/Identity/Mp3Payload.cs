namespace Nomarr.Components.Identity;

/// <summary>MPEG audio: the frames between the ID3v2 tags in front and the ID3v1/APE tags behind.</summary>
internal static class Mp3Payload
{
    public static AudioPayload? Locate(Stream stream)
    {
        var start = Id3Tags.SkipLeading(stream, 0);
        var end = Id3Tags.TrimTrailing(stream, start, stream.Length);
        return AudioPayload.FromRegions("mp3", [new PayloadRegion(start, end - start)]);
    }
}
