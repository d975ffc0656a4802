namespace Nomarr.Components.Tags.Mapping;

/// <summary>APEv2 items into Picard names; see docs/tags.md.</summary>
internal static class ApeMapping
{
    private static readonly Dictionary<string, string> Renamed = new(StringComparer.OrdinalIgnoreCase)
    {
        ["album artist"] = "albumartist",
        ["year"] = "date",
        ["mixartist"] = "remixer",
        ["musicbrainz_trackid"] = "musicbrainz_recordingid",
        ["musicbrainz_releasetrackid"] = "musicbrainz_trackid",
    };

    public static TagMapBuilder Read(TagLib.Ape.Tag tag)
    {
        var map = new TagMapBuilder();
        foreach (var key in tag)
        {
            var item = tag.GetItem(key);
            if (item is null || item.Type == TagLib.Ape.ItemType.Binary)
            {
                continue;
            }

            var values = item.ToStringArray();
            if (string.Equals(key, "track", StringComparison.OrdinalIgnoreCase))
            {
                map.AddNumberAndTotal("tracknumber", "totaltracks", values.FirstOrDefault());
            }
            else if (string.Equals(key, "disc", StringComparison.OrdinalIgnoreCase))
            {
                map.AddNumberAndTotal("discnumber", "totaldiscs", values.FirstOrDefault());
            }
            else
            {
                map.Add(Renamed.TryGetValue(key, out var name) ? name : key, values);
            }
        }

        return map;
    }
}
