using TagLib.Ogg;

namespace Nomarr.Components.Tags.Mapping;

/// <summary>Vorbis comments (FLAC, Ogg Vorbis, Opus) into Picard names: mostly the field name lower-cased; see docs/tags.md.</summary>
internal static class XiphMapping
{
    private static readonly Dictionary<string, string> Renamed = new(StringComparer.OrdinalIgnoreCase)
    {
        ["musicbrainz_trackid"] = "musicbrainz_recordingid",
        ["musicbrainz_releasetrackid"] = "musicbrainz_trackid",
        ["tracktotal"] = "totaltracks",
        ["disctotal"] = "totaldiscs",
        ["album artist"] = "albumartist",
        ["unsyncedlyrics"] = "lyrics",
        ["description"] = "comment",
    };

    // Pictures are recorded apart (see EmbeddedPictures); their base64 text is not a tag.
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase) { "metadata_block_picture", "coverart", "coverartmime" };

    public static TagMapBuilder Read(IEnumerable<XiphComment> comments)
    {
        var map = new TagMapBuilder();
        foreach (var comment in comments)
        {
            foreach (var field in comment)
            {
                if (Skipped.Contains(field))
                {
                    continue;
                }

                var values = comment.GetField(field);
                if (string.Equals(field, "tracknumber", StringComparison.OrdinalIgnoreCase))
                {
                    map.AddNumberAndTotal("tracknumber", "totaltracks", values.FirstOrDefault());
                }
                else if (string.Equals(field, "discnumber", StringComparison.OrdinalIgnoreCase))
                {
                    map.AddNumberAndTotal("discnumber", "totaldiscs", values.FirstOrDefault());
                }
                else
                {
                    map.Add(Renamed.TryGetValue(field, out var name) ? name : field, values);
                }
            }
        }

        return map;
    }
}
