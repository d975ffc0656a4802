using Microsoft.AspNetCore.Mvc;

namespace Nomarr.Http.Files;

/// <summary>The tag filters and the order of GET /api/files.</summary>
internal sealed class FileFilters
{
    [FromQuery(Name = "artist")]
    public string? Artist { get; init; }

    [FromQuery(Name = "album_artist")]
    public string? AlbumArtist { get; init; }

    [FromQuery(Name = "genre")]
    public string? Genre { get; init; }

    [FromQuery(Name = "album")]
    public string? Album { get; init; }

    [FromQuery(Name = "year")]
    public int? Year { get; init; }

    [FromQuery(Name = "musicbrainz_albumid")]
    public string? MusicBrainzAlbumId { get; init; }

    [FromQuery(Name = "format")]
    public string? Format { get; init; }

    /// <summary>path (default), added or updated (newest first).</summary>
    [FromQuery(Name = "sort")]
    public string? Sort { get; init; }
}
