namespace Nomarr.Helpers.Libraries;

/// <summary>The tag and audio-property fields Nomarr stores for a file; any of them may be absent.</summary>
public sealed record AudioTags
{
    public string? Title { get; init; }
    public string? Artist { get; init; }
    public string? Album { get; init; }
    public string? AlbumArtist { get; init; }
    public int? Track { get; init; }
    public int? Disc { get; init; }
    public int? Year { get; init; }
    public string? Genre { get; init; }
    public double? Duration { get; init; }
    public int? Bitrate { get; init; }
    public int? SampleRate { get; init; }
    public int? Channels { get; init; }
    public string? Codec { get; init; }

    public static AudioTags Empty { get; } = new();
}
