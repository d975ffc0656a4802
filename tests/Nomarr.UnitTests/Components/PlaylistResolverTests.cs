using Nomarr.Components.Playlists;

namespace Nomarr.UnitTests.Components;

public sealed class PlaylistResolverTests
{
    private const string Root = "/music";

    private static readonly (long Id, string Path)[] Library =
    [
        (1, "Rock/Band/01 - One.mp3"), (2, "Rock/Band/02 - Two.mp3"), (3, "Jazz/Cool/So What.flac"), (4, "Jazz/Cool/so what.flac"),
        (5, "Pop/Élan/Song.ogg"), (6, "Pop/Other/Song.ogg"), (7, "Lists/local.mp3"), (8, "Rock/Band/50% off.mp3"),
        (9, "Unrelated/A.mp3"), (10, "Unrelated/B.mp3"),
    ];

    private static readonly (string Playlist, string Entry)[] Entries =
    [
        ("Lists/mix.m3u", "../Rock/Band/01 - One.mp3"), ("Lists/mix.m3u", "local.mp3"), ("Lists/mix.m3u", "/music/Rock/Band/02 - Two.mp3"),
        ("Lists/mix.m3u", "../jazz/cool/SO WHAT.flac"), ("Lists/mix.m3u", "../pop/élan/song.OGG"), ("Lists/mix.m3u", "C:\\Users\\me\\Music\\Pop\\Other\\Song.ogg"),
        ("Lists/mix.m3u", "file:///home/other/Music/Rock/Band/02%20-%20Two.mp3"), ("Lists/mix.m3u", "../Rock/Band/50% off.mp3"),
        ("Lists/mix.m3u", "../Rock/Band/50%25%20off.mp3"), ("Lists/mix.m3u", "//nas/share/Jazz/Cool/So What.flac"), ("Lists/mix.m3u", "../../outside.mp3"),
        ("Lists/mix.m3u", "../Nothing/here.mp3"), ("Rock/Band/band.m3u", "01 - One.mp3"),
    ];

    [Fact]
    public void AResolverOfTheNamedPathsAloneResolvesAsOneOfTheWholeLibrary()
    {
        var everything = new PlaylistResolver(Root, Library);
        var named = PlaylistResolver.PathsNamedBy(Root, Entries);
        var some = new PlaylistResolver(Root, Library.Where(f => named.Contains(f.Path)));

        var expected = Entries.Select(e => everything.Resolve(e.Playlist, e.Entry)).ToList();

        Assert.Equal(expected, Entries.Select(e => some.Resolve(e.Playlist, e.Entry)));
        Assert.Equal([1L, 7, 2, null, 5, 6, 2, 8, 8, 3, null, null, 1], expected);
        Assert.DoesNotContain("Unrelated/A.mp3", named);
    }
}
