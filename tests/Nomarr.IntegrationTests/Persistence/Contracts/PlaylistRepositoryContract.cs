using Nomarr.Helpers.Libraries;
using Nomarr.Persistence;

namespace Nomarr.IntegrationTests.Persistence.Contracts;

/// <summary>What every engine's <see cref="IPlaylistRepository"/> does.</summary>
public abstract class PlaylistRepositoryContract(IContractEngine engine) : PortContract(engine)
{
    private IPlaylistRepository Playlists => (IPlaylistRepository)Database.Services.GetService(typeof(IPlaylistRepository))!;

    [Fact]
    public async Task APlaylistKeepsItsEntriesInOrderWithThePathsTheirFilesHaveNow()
    {
        var library = await AddLibraryAsync();
        await Database.Files.UpsertBatchAsync(await ClaimAsync(library), [Record("a.mp3"), Record("b.mp3")], Start, default);
        var ids = (await Database.Files.QueryAsync(new FileQuery(library.Id), default)).Items.ToDictionary(f => f.Path, f => f.Id);
        await Playlists.SaveAsync(
            library.Id, [new PlaylistRecord("Lists/mix.m3u8", 30, 5_000, [("../b.mp3", ids["b.mp3"]), ("gone.mp3", null), ("../a.mp3", ids["a.mp3"])])], Start, default);
        await Database.Files.MoveBatchAsync(await ClaimAsync(library), [(ids["b.mp3"], Record("c/b.mp3"))], Start.AddMinutes(1), default);

        var mix = (await Playlists.ListAsync(library.Id, default)).Single();

        Assert.Equal("Lists/mix.m3u8", mix.Path);
        Assert.Equal(
            [new PlaylistEntry("../b.mp3", ids["b.mp3"], "c/b.mp3"), new PlaylistEntry("gone.mp3", null, null), new PlaylistEntry("../a.mp3", ids["a.mp3"], "a.mp3")],
            mix.Entries);
        Assert.Equal(mix with { Entries = mix.Entries }, await Playlists.GetAsync(mix.Id, default), new PlaylistComparer());
        Assert.Equal([new KnownPlaylist(mix.Id, "Lists/mix.m3u8", 30, 5_000, true)], await Playlists.ListKnownAsync(library.Id, [""], default));
    }

    [Fact]
    public async Task SavingAgainReplacesTheEntriesAndKeepsTheId()
    {
        var library = await AddLibraryAsync();
        await Playlists.SaveAsync(library.Id, [new PlaylistRecord("mix.m3u", 1, 1, [("x.mp3", null), ("y.mp3", null)])], Start, default);
        var id = (await Playlists.ListKnownAsync(library.Id, [""], default)).Single().Id;

        await Playlists.SaveAsync(library.Id, [new PlaylistRecord("mix.m3u", 2, 9, [("z.mp3", null)])], Start.AddMinutes(1), default);

        Assert.Equal([new KnownPlaylist(id, "mix.m3u", 2, 9, true)], await Playlists.ListKnownAsync(library.Id, [""], default));
        Assert.Equal(["z.mp3"], (await Playlists.GetAsync(id, default))!.Entries.Select(e => e.Text));
    }

    [Fact]
    public async Task APurgedFileLeavesItsEntryUnresolvedAndRemovingAPlaylistKeepsTheOthers()
    {
        var library = await AddLibraryAsync();
        var other = await AddLibraryAsync();
        await Database.Files.UpsertBatchAsync(await ClaimAsync(library), [Record("a.mp3")], Start, default);
        var fileId = (await Database.Files.QueryAsync(new FileQuery(library.Id), default)).Items.Single().Id;
        await Playlists.SaveAsync(library.Id, [new PlaylistRecord("one.m3u", 1, 1, [("a.mp3", fileId)]), new PlaylistRecord("two.m3u", 1, 1, [])], Start, default);
        await Playlists.SaveAsync(other.Id, [new PlaylistRecord("one.m3u", 1, 1, [])], Start, default);
        Assert.False((await Playlists.ListKnownAsync(library.Id, [""], default)).Single(p => p.Path == "one.m3u").HasUnresolved);
        await Database.Files.MarkMissingAsync(await ClaimAsync(library), [""], [fileId], Start.AddMinutes(1), default);
        Assert.True(await Database.Files.PurgeMissingFileAsync(fileId, default));

        var known = await Playlists.ListKnownAsync(library.Id, [""], default);
        await Playlists.RemoveAsync(library.Id, [known.Single(p => p.Path == "two.m3u").Id], default);

        Assert.Equal([new PlaylistEntry("a.mp3", null, null)], (await Playlists.ListAsync(library.Id, default)).Single().Entries);
        Assert.Equal(["one.m3u"], (await Playlists.ListKnownAsync(library.Id, [""], default)).Select(p => p.Path));
        Assert.Equal(2, (await Playlists.ListAsync(null, default)).Count);
    }

    [Fact]
    public async Task KnownPlaylistsAreListedForTheFoldersAsked()
    {
        var library = await AddLibraryAsync();
        await Playlists.SaveAsync(
            library.Id,
            [new PlaylistRecord("a/one.m3u", 1, 1, []), new PlaylistRecord("a/b/two.m3u", 1, 1, []), new PlaylistRecord("a-b/three.m3u", 1, 1, []), new PlaylistRecord("four.m3u", 1, 1, [])],
            Start,
            default);

        async Task<string[]> UnderAsync(params string[] folders) =>
            (await Playlists.ListKnownAsync(library.Id, folders, default)).Select(p => p.Path).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(["a/b/two.m3u", "a/one.m3u"], await UnderAsync("a"));
        Assert.Equal(["a-b/three.m3u", "a/b/two.m3u"], await UnderAsync("a/b", "a-b"));
        Assert.Equal(["a-b/three.m3u", "a/b/two.m3u", "a/one.m3u", "four.m3u"], await UnderAsync(""));
        Assert.Equal(["a-b/three.m3u", "a/b/two.m3u", "a/one.m3u", "four.m3u"], await UnderAsync());
        Assert.Empty(await UnderAsync("nothing"));
    }

    private sealed class PlaylistComparer : IEqualityComparer<Playlist?>
    {
        public bool Equals(Playlist? x, Playlist? y) =>
            x is not null && y is not null && (x.Id, x.LibraryId, x.Path) == (y.Id, y.LibraryId, y.Path) && x.Entries.SequenceEqual(y.Entries);

        public int GetHashCode(Playlist? obj) => obj?.Id.GetHashCode() ?? 0;
    }
}
