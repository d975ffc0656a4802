namespace Nomarr.Helpers.Libraries;

/// <summary>
/// A page of files: by library, folder, missing state, a text search on title, artist and album,
/// and the tag filters below (each null when not filtering). Artist, album artist and genre match
/// any one of the file's values, ignoring case.
/// </summary>
public sealed record FileQuery(
    long? LibraryId = null,
    string? Folder = null,
    bool? Missing = null,
    string? Text = null,
    int Offset = 0,
    int Limit = 100)
{
    public string? Artist { get; init; }

    public string? AlbumArtist { get; init; }

    public string? Genre { get; init; }

    /// <summary>The album title, exactly (ignoring case).</summary>
    public string? Album { get; init; }

    public int? Year { get; init; }

    public string? MusicBrainzAlbumId { get; init; }

    /// <summary>The codec as stored ("flac", "mp3", "aac", "opus", ...).</summary>
    public string? Format { get; init; }

    public FileSort Sort { get; init; } = FileSort.Path;
}
