using TagLib;
using TagLib.Mpeg4;

namespace Nomarr.Components.Tags.Mapping;

/// <summary>MP4 atoms, including free-form "----" ones, into Picard names; see docs/tags.md.</summary>
internal static class AppleMapping
{
    private static readonly Dictionary<string, string> Atoms = new(StringComparer.Ordinal)
    {
        ["©nam"] = "title", ["©ART"] = "artist", ["aART"] = "albumartist", ["©alb"] = "album", ["©wrt"] = "composer",
        ["©gen"] = "genre", ["©day"] = "date", ["cpil"] = "compilation", ["tmpo"] = "bpm", ["©cmt"] = "comment",
        ["©lyr"] = "lyrics", ["©grp"] = "grouping", ["soar"] = "artistsort", ["soaa"] = "albumartistsort",
        ["soal"] = "albumsort", ["sonm"] = "titlesort", ["soco"] = "composersort", ["cprt"] = "copyright",
        ["©too"] = "encodedby", ["©enc"] = "encodedby", ["desc"] = "subtitle", ["©mvn"] = "movement", ["©wrk"] = "work",
        ["pgap"] = "gapless", ["tvsh"] = "show", ["sosn"] = "showsort", ["©st3"] = "subtitle", ["rtng"] = "rating",
    };

    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal) { "covr" };

    public static TagMapBuilder Read(AppleTag tag)
    {
        var map = new TagMapBuilder();
        foreach (var box in tag)
        {
            var type = box.BoxType.ToString(StringType.Latin1);
            if (Skipped.Contains(type))
            {
                continue;
            }

            var data = box.Children.OfType<AppleDataBox>().ToList();
            switch (type)
            {
                case "----":
                    AddFreeForm(map, box, data);
                    break;
                case "trkn":
                    AddPair(map, "tracknumber", "totaltracks", data);
                    break;
                case "disk":
                    AddPair(map, "discnumber", "totaldiscs", data);
                    break;
                case "gnre":
                    map.Add("genre", data.Select(d => d.Data.Count >= 2 && TagLib.Genres.IndexToAudio((byte)(d.Data.ToUShort() - 1)) is { } g ? g : null));
                    break;
                default:
                    map.Add(Atoms.TryGetValue(type, out var name) ? name : type, data.Select(Value));
                    break;
            }
        }

        return map;
    }

    private static void AddFreeForm(TagMapBuilder map, Box box, List<AppleDataBox> data)
    {
        var name = box.Children.OfType<AppleAdditionalInfoBox>().FirstOrDefault(b => b.BoxType == "name")?.Text;
        if (!string.IsNullOrWhiteSpace(name))
        {
            map.Add(PicardNames.FromDescription(name), data.Select(Value));
        }
    }

    // trkn and disk hold two big-endian 16-bit numbers after two zero bytes: the number and the total.
    private static void AddPair(TagMapBuilder map, string numberKey, string totalKey, List<AppleDataBox> data)
    {
        foreach (var box in data.Where(d => d.Data.Count >= 6))
        {
            var number = box.Data.Mid(2, 2).ToUShort();
            var total = box.Data.Mid(4, 2).ToUShort();
            if (number > 0)
            {
                map.Add(numberKey, number.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            if (total > 0)
            {
                map.Add(totalKey, total.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    private static string? Value(AppleDataBox box)
    {
        if (box.Flags == (uint)AppleDataBox.FlagType.ContainsText)
        {
            return box.Text;
        }

        // Integers (tmpo, cpil, rtng) are big-endian, 1 to 8 bytes; images and other binary data are no tag values.
        return box.Flags is (uint)AppleDataBox.FlagType.ForTempo or 0 && box.Data.Count is >= 1 and <= 8
            ? box.Data.Aggregate(0L, (n, b) => (n << 8) | b).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : null;
    }
}
