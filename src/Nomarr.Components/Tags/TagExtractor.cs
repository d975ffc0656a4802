using Nomarr.Components.Tags.Mapping;
using Nomarr.Helpers.Libraries;

namespace Nomarr.Components.Tags;

/// <summary>
/// What Nomarr keeps of an opened file's tags: the common fields, every tag under its Picard name,
/// the artist, album-artist and genre lists, and the embedded pictures. How the file is opened is
/// <see cref="TagReader"/>'s business.
/// </summary>
public sealed class TagExtractor(ValueSplitter splitter)
{
    public AudioTags Extract(TagLib.File file, AudioTags common)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(common);
        var all = TagMapReader.Read(file);
        return common with
        {
            All = all,
            Artists = People(all, "artists", "artist"),
            AlbumArtists = People(all, "albumartists", "albumartist"),
            Genres = splitter.Genres(all.All("genre")),
            Pictures = EmbeddedPictures.Describe(file),
        };
    }

    // Picard writes the credited name to artist ("A feat. B") and the list to artists: the list wins.
    private IReadOnlyList<string> People(TagMap all, string listKey, string singleKey) =>
        all.All(listKey) is { Count: > 0 } list ? list : splitter.People(all.All(singleKey));
}
