using TagLib.Id3v2;

namespace Nomarr.Components.Tags.Mapping;

/// <summary>ID3v2 frames (2.3 and 2.4) into Picard names; see docs/tags.md.</summary>
internal static class Id3v2Mapping
{
    private static readonly Dictionary<string, string> TextFrames = new(StringComparer.Ordinal)
    {
        ["TIT2"] = "title", ["TPE1"] = "artist", ["TALB"] = "album", ["TPE2"] = "albumartist", ["TCOM"] = "composer",
        ["TEXT"] = "lyricist", ["TPE3"] = "conductor", ["TPE4"] = "remixer", ["TIT1"] = "grouping", ["GRP1"] = "grouping",
        ["TIT3"] = "subtitle", ["TSST"] = "discsubtitle", ["TDRC"] = "date", ["TYER"] = "date", ["TDOR"] = "originaldate",
        ["TORY"] = "originaldate", ["TDRL"] = "releasedate", ["TCMP"] = "compilation", ["TSRC"] = "isrc", ["TPUB"] = "label",
        ["TBPM"] = "bpm", ["TKEY"] = "key", ["TMED"] = "media", ["TLAN"] = "language", ["TCOP"] = "copyright",
        ["TENC"] = "encodedby", ["TSSE"] = "encodersettings", ["TSOP"] = "artistsort", ["TSO2"] = "albumartistsort",
        ["TSOA"] = "albumsort", ["TSOT"] = "titlesort", ["TSOC"] = "composersort", ["TOAL"] = "originalalbum",
        ["TOPE"] = "originalartist", ["TOLY"] = "originallyricist", ["TMOO"] = "mood", ["MVNM"] = "movement",
        ["MVIN"] = "movementnumber", ["TOFN"] = "originalfilename",
    };

    private static readonly Dictionary<string, string> InvolvedPeople = new(StringComparer.OrdinalIgnoreCase)
    {
        ["arranger"] = "arranger", ["engineer"] = "engineer", ["producer"] = "producer", ["DJ-mix"] = "djmixer", ["mix"] = "mixer",
    };

    private static readonly Dictionary<string, string> UrlFrames = new(StringComparer.Ordinal)
    {
        ["WOAR"] = "website", ["WCOP"] = "license",
    };

    public static TagMapBuilder Read(TagLib.Id3v2.Tag tag)
    {
        var map = new TagMapBuilder();
        foreach (var frame in tag)
        {
            Add(map, frame, tag.Version);
        }

        return map;
    }

    private static void Add(TagMapBuilder map, Frame frame, byte version)
    {
        var id = frame.FrameId.ToString();
        switch (frame)
        {
            case UserTextInformationFrame user:
                map.Add(string.IsNullOrWhiteSpace(user.Description) ? "txxx" : PicardNames.FromDescription(user.Description), user.Text);
                break;
            case TextInformationFrame text when id is "TRCK":
                map.AddNumberAndTotal("tracknumber", "totaltracks", text.Text.FirstOrDefault());
                break;
            case TextInformationFrame text when id is "TPOS":
                map.AddNumberAndTotal("discnumber", "totaldiscs", text.Text.FirstOrDefault());
                break;
            case TextInformationFrame text when id is "TCON":
                map.Add("genre", text.Text.Select(GenreName));
                break;
            case TextInformationFrame text when id is "TIPL" or "IPLS" or "TMCL":
                AddPeople(map, text.Text, id == "TMCL");
                break;
            case TextInformationFrame text:
                // ID3v2.3 has no value separator; TagLibSharp cuts its text frames at '/', which would
                // make two artists of "AC/DC". The frame's text, whole, is the value.
                map.Add(TextFrames.TryGetValue(id, out var name) ? name : id, version < 4 ? [string.Join('/', text.Text)] : text.Text);
                break;
            case UniqueFileIdentifierFrame ufid:
                map.Add(
                    string.Equals(ufid.Owner, "http://musicbrainz.org", StringComparison.OrdinalIgnoreCase) ? "musicbrainz_recordingid" : "ufid:" + ufid.Owner,
                    ufid.Identifier?.ToString(TagLib.StringType.Latin1));
                break;
            case CommentsFrame comment:
                map.Add(string.IsNullOrEmpty(comment.Description) ? "comment" : "comment:" + comment.Description, comment.Text);
                break;
            case UnsynchronisedLyricsFrame lyrics:
                map.Add(string.IsNullOrEmpty(lyrics.Description) ? "lyrics" : "lyrics:" + lyrics.Description, lyrics.Text);
                break;
            case PopularimeterFrame rating:
                map.Add("rating", rating.Rating.ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
            case UserUrlLinkFrame userUrl:
                map.Add(string.IsNullOrWhiteSpace(userUrl.Description) ? "website" : "website:" + userUrl.Description, userUrl.Text);
                break;
            case UrlLinkFrame url:
                map.Add(UrlFrames.TryGetValue(id, out var urlName) ? urlName : id, url.Text);
                break;
        }
    }

    // TIPL and TMCL hold pairs: a role, then the people in it ("producer", "A", "mix", "B").
    private static void AddPeople(TagMapBuilder map, string[] pairs, bool musicians)
    {
        for (var i = 0; i + 1 < pairs.Length; i += 2)
        {
            var role = pairs[i].Trim();
            var key = musicians ? "performer:" + role.ToLowerInvariant() : InvolvedPeople.TryGetValue(role, out var known) ? known : role;
            map.Add(key, pairs[i + 1]);
        }
    }

    // ID3v1 genre numbers, as "(17)" or "17", name their genre.
    private static string GenreName(string text)
    {
        var trimmed = text.Trim().TrimStart('(').TrimEnd(')');
        return byte.TryParse(trimmed, System.Globalization.CultureInfo.InvariantCulture, out var index) && TagLib.Genres.IndexToAudio(index) is { } name
            ? name
            : text;
    }
}
