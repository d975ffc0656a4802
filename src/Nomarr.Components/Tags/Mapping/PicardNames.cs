namespace Nomarr.Components.Tags.Mapping;

/// <summary>
/// The descriptive names that Picard writes into free-form fields (ID3v2 TXXX, MP4 "----" atoms,
/// ASF "MusicBrainz/..." attributes) and the internal names they stand for. Names not listed are
/// kept lower-cased, which is also what Picard does with them.
/// </summary>
internal static class PicardNames
{
    private static readonly Dictionary<string, string> Descriptive = new(StringComparer.OrdinalIgnoreCase)
    {
        ["MusicBrainz Track Id"] = "musicbrainz_recordingid",
        ["MusicBrainz Release Track Id"] = "musicbrainz_trackid",
        ["MusicBrainz Album Id"] = "musicbrainz_albumid",
        ["MusicBrainz Artist Id"] = "musicbrainz_artistid",
        ["MusicBrainz Album Artist Id"] = "musicbrainz_albumartistid",
        ["MusicBrainz Release Group Id"] = "musicbrainz_releasegroupid",
        ["MusicBrainz Work Id"] = "musicbrainz_workid",
        ["MusicBrainz Disc Id"] = "musicbrainz_discid",
        ["MusicBrainz Original Album Id"] = "musicbrainz_originalalbumid",
        ["MusicBrainz Original Artist Id"] = "musicbrainz_originalartistid",
        ["MusicBrainz TRM Id"] = "musicbrainz_trmid",
        ["MusicBrainz Album Type"] = "releasetype",
        ["MusicBrainz Album Status"] = "releasestatus",
        ["MusicBrainz Album Release Country"] = "releasecountry",
        ["Acoustid Id"] = "acoustid_id",
        ["Acoustid Fingerprint"] = "acoustid_fingerprint",
        ["MusicIP PUID"] = "musicip_puid",
        ["MusicMagic Fingerprint"] = "musicip_fingerprint",
    };

    /// <summary>The internal name of a free-form field (ASF's "MusicBrainz/Album Id" counts as "MusicBrainz Album Id").</summary>
    public static string FromDescription(string description)
    {
        var name = description.Trim().Replace('/', ' ');
        return Descriptive.TryGetValue(name, out var known) ? known : description.Trim().ToLowerInvariant();
    }
}
