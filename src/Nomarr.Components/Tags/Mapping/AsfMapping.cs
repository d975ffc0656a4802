namespace Nomarr.Components.Tags.Mapping;

/// <summary>ASF (WMA) attributes into Picard names; see docs/tags.md.</summary>
internal static class AsfMapping
{
    private static readonly Dictionary<string, string> Attributes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["WM/AlbumTitle"] = "album", ["WM/AlbumArtist"] = "albumartist", ["WM/Composer"] = "composer", ["WM/Genre"] = "genre",
        ["WM/Year"] = "date", ["WM/TrackNumber"] = "tracknumber", ["WM/PartOfSet"] = "discnumber", ["WM/BeatsPerMinute"] = "bpm",
        ["WM/ISRC"] = "isrc", ["WM/Publisher"] = "label", ["WM/Lyrics"] = "lyrics", ["WM/ARTISTS"] = "artists",
        ["WM/CatalogNo"] = "catalognumber", ["WM/Barcode"] = "barcode", ["WM/ArtistSortOrder"] = "artistsort",
        ["WM/AlbumSortOrder"] = "albumsort", ["WM/TitleSortOrder"] = "titlesort", ["WM/AlbumArtistSortOrder"] = "albumartistsort",
        ["WM/ComposerSortOrder"] = "composersort", ["WM/OriginalReleaseTime"] = "originaldate", ["WM/OriginalReleaseYear"] = "originalyear",
        ["WM/IsCompilation"] = "compilation", ["WM/Conductor"] = "conductor", ["WM/Writer"] = "lyricist",
        ["WM/ContentGroupDescription"] = "grouping", ["WM/SubTitle"] = "subtitle", ["WM/SetSubTitle"] = "discsubtitle",
        ["WM/Mood"] = "mood", ["WM/EncodedBy"] = "encodedby", ["WM/Language"] = "language", ["WM/Media"] = "media",
        ["WM/Producer"] = "producer", ["WM/ModifiedBy"] = "remixer", ["WM/InitialKey"] = "key", ["WM/AuthorURL"] = "website",
        ["WM/EncodingSettings"] = "encodersettings", ["WM/Comments"] = "comment",
    };

    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase) { "WM/Picture" };

    public static TagMapBuilder Read(TagLib.Asf.Tag tag)
    {
        var map = new TagMapBuilder();
        map.Add("title", tag.Title);
        map.Add("artist", tag.Performers);
        map.Add("comment", tag.Description);
        map.Add("copyright", tag.Copyright);
        foreach (var descriptor in tag)
        {
            var name = descriptor.Name;
            if (Skipped.Contains(name) || descriptor.Type == TagLib.Asf.DataType.Bytes)
            {
                continue;
            }

            var value = descriptor.ToString();
            if (Attributes.TryGetValue(name, out var known))
            {
                map.Add(known, value);
            }
            else
            {
                map.Add(name.StartsWith("WM/", StringComparison.OrdinalIgnoreCase) ? name : PicardNames.FromDescription(name), value);
            }
        }

        return map;
    }
}
