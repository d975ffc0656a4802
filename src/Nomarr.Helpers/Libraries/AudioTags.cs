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

    /// <summary>Every tag of the file, by Picard name.</summary>
    public TagMap All { get; init; } = TagMap.Empty;

    /// <summary>The track's artists, one per entry: from a multi-valued tag, else the single artist split.</summary>
    public IReadOnlyList<string> Artists { get; init; } = [];

    public IReadOnlyList<string> AlbumArtists { get; init; } = [];

    public IReadOnlyList<string> Genres { get; init; } = [];

    public IReadOnlyList<EmbeddedPicture> Pictures { get; init; } = [];

    public static AudioTags Empty { get; } = new();

    // Lists compare by their items, so that two reads of the same file are equal.
    public bool Equals(AudioTags? other) =>
        other is not null
        && Title == other.Title && Artist == other.Artist && Album == other.Album && AlbumArtist == other.AlbumArtist
        && Track == other.Track && Disc == other.Disc && Year == other.Year && Genre == other.Genre
        && Nullable.Equals(Duration, other.Duration) && Bitrate == other.Bitrate && SampleRate == other.SampleRate
        && Channels == other.Channels && Codec == other.Codec
        && All.Equals(other.All)
        && Artists.SequenceEqual(other.Artists) && AlbumArtists.SequenceEqual(other.AlbumArtists) && Genres.SequenceEqual(other.Genres)
        && Pictures.SequenceEqual(other.Pictures);

    public override int GetHashCode() => HashCode.Combine(Title, Artist, Album, Track, Codec, All.Count, Artists.Count);
}
