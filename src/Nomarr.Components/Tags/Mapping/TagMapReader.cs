using Nomarr.Helpers.Libraries;
using TagLib;

namespace Nomarr.Components.Tags.Mapping;

/// <summary>
/// Every tag of an opened file as one map of Picard names. A file may carry several formats (an
/// MP3 with ID3v2, APE and ID3v1): the richest is read first and wins a key; the others only add
/// keys it lacks. Formats without their own mapping (ID3v1, RIFF INFO) come in through TagLib's
/// common fields.
/// </summary>
internal static class TagMapReader
{
    public static TagMap Read(TagLib.File file)
    {
        var map = new TagMapBuilder();
        if (file.GetTag(TagTypes.Id3v2) is TagLib.Id3v2.Tag id3)
        {
            map.AddMissing(Id3v2Mapping.Read(id3));
        }

        var xiph = file.GetTag(TagTypes.Xiph) switch
        {
            TagLib.Ogg.XiphComment comment => [comment],
            TagLib.Ogg.GroupedComment grouped => grouped.Comments.ToList(),
            _ => new List<TagLib.Ogg.XiphComment>(),
        };
        if (xiph.Count > 0)
        {
            map.AddMissing(XiphMapping.Read(xiph));
        }

        if (file.GetTag(TagTypes.Apple) is TagLib.Mpeg4.AppleTag apple)
        {
            map.AddMissing(AppleMapping.Read(apple));
        }

        if (file.GetTag(TagTypes.Asf) is TagLib.Asf.Tag asf)
        {
            map.AddMissing(AsfMapping.Read(asf));
        }

        if (file.GetTag(TagTypes.Ape) is TagLib.Ape.Tag ape)
        {
            map.AddMissing(ApeMapping.Read(ape));
        }

        map.AddMissing(Common(file.Tag));
        return map.Build();
    }

    private static TagMapBuilder Common(Tag tag)
    {
        var map = new TagMapBuilder();
        map.Add("title", tag.Title);
        map.Add("artist", tag.Performers);
        map.Add("albumartist", tag.AlbumArtists);
        map.Add("album", tag.Album);
        map.Add("genre", tag.Genres);
        map.Add("composer", tag.Composers);
        map.Add("comment", tag.Comment);
        map.Add("date", tag.Year > 0 ? tag.Year.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
        map.Add("tracknumber", tag.Track > 0 ? tag.Track.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
        map.Add("totaltracks", tag.TrackCount > 0 ? tag.TrackCount.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
        map.Add("discnumber", tag.Disc > 0 ? tag.Disc.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
        map.Add("totaldiscs", tag.DiscCount > 0 ? tag.DiscCount.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
        return map;
    }
}
