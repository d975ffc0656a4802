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
    public static FileView From(LibraryFile f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new(
            f.Id, f.LibraryId, f.Path, f.Size, f.Mtime, f.Valid,
            f.Tags.Title, f.Tags.Artist, f.Tags.Album, f.Tags.AlbumArtist, f.Tags.Track, f.Tags.Disc, f.Tags.Year, f.Tags.Genre,
            f.Tags.Duration, f.Tags.Bitrate, f.Tags.SampleRate, f.Tags.Channels, f.Tags.Codec, f.ReadError,
            f.AddedAt, f.UpdatedAt, f.MissingSince);
    }
}
