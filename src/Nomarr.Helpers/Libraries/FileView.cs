namespace Nomarr.Helpers.Libraries;

/// <summary>A file as the CLI and the API show it: flat, with snake_case names once serialized.</summary>
public sealed record FileView(
    long Id,
    long LibraryId,
    string Path,
    long Size,
    DateTimeOffset Mtime,
    bool Valid,
    string? Title,
    string? Artist,
    string? Album,
    string? AlbumArtist,
    int? Track,
    int? Disc,
    int? Year,
    string? Genre,
    double? Duration,
    int? Bitrate,
    int? SampleRate,
    int? Channels,
    string? Codec,
    string? ReadError,
    DateTimeOffset AddedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? MissingSince)
{
    /// <summary>Every tag of the file by Picard name, each a list of values.</summary>
    public TagMap Tags { get; init; } = TagMap.Empty;

    public IReadOnlyList<string> Artists { get; init; } = [];

    public IReadOnlyList<string> AlbumArtists { get; init; } = [];

    public IReadOnlyList<string> Genres { get; init; } = [];

    /// <summary>The pictures embedded in the file.</summary>
    public IReadOnlyList<EmbeddedPicture> Pictures { get; init; } = [];

    public static FileView From(LibraryFile f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new(
            f.Id, f.LibraryId, f.Path, f.Size, f.Mtime, f.Valid,
            f.Tags.Title, f.Tags.Artist, f.Tags.Album, f.Tags.AlbumArtist, f.Tags.Track, f.Tags.Disc, f.Tags.Year, f.Tags.Genre,
            f.Tags.Duration, f.Tags.Bitrate, f.Tags.SampleRate, f.Tags.Channels, f.Tags.Codec, f.ReadError,
            f.AddedAt, f.UpdatedAt, f.MissingSince)
        {
            Tags = f.Tags.All,
            Artists = f.Tags.Artists,
            AlbumArtists = f.Tags.AlbumArtists,
            Genres = f.Tags.Genres,
            Pictures = f.Tags.Pictures,
        };
    }
}
