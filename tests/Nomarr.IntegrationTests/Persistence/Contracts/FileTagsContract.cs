using Nomarr.Helpers.Libraries;

namespace Nomarr.IntegrationTests.Persistence.Contracts;

/// <summary>What every engine stores of a file's tags: the whole map, the lists, the pictures; and how it finds files by them.</summary>
public abstract class FileTagsContract(IContractEngine engine) : PortContract(engine)
{
    [Fact]
    public async Task TheTagMapListsAndPicturesComeBackAsWritten()
    {
        var library = await AddLibraryAsync();
        var tags = Tagged(["Alice", "Bob"], ["Jazz"]) with
        {
            Pictures = [new EmbeddedPicture("front_cover", "image/png", 68, 2, 1, "ab12")],
        };
        await Database.Files.UpsertBatchAsync(await ClaimAsync(library), [new FileRecord("a.flac", 10, 1_000, tags, null)], Start, default);

        var file = Assert.Single((await Database.Files.QueryAsync(new FileQuery(library.Id), default)).Items);

        Assert.Equal(tags, file.Tags);
        Assert.Equal(["Alice", "Bob"], file.Tags.All.All("artists"));
        Assert.Equal("performer:vocals", Assert.Single(file.Tags.All.Keys, k => k.StartsWith("performer", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task FilesAreFoundByAnyArtistGenreOrReleaseIgnoringCaseAndAMoveOrRetagUpdatesIt()
    {
        var library = await AddLibraryAsync();
        await Database.Files.UpsertBatchAsync(await ClaimAsync(library), [new FileRecord("a.flac", 10, 1, Tagged(["Élodie", "Bob"], ["Jazz"]), null), new FileRecord("b.flac", 10, 1, Tagged(["Bob"], ["Soul"]), null)],
            Start, default);

        Assert.Equal(["a.flac", "b.flac"], await PathsAsync(new FileQuery(library.Id) { Artist = "BOB" }));
        Assert.Equal(["a.flac"], await PathsAsync(new FileQuery(library.Id) { Artist = "ÉLODIE" }));
        Assert.Equal(["b.flac"], await PathsAsync(new FileQuery(library.Id) { Genre = "soul" }));
        Assert.Equal(["a.flac", "b.flac"], await PathsAsync(new FileQuery(library.Id) { MusicBrainzAlbumId = "RELEASE-1" }));

        var b = (await Database.Files.QueryAsync(new FileQuery(library.Id) { Genre = "soul" }, default)).Items.Single();
        await Database.Files.MoveBatchAsync(await NextClaimAsync(library), [(b.Id, new FileRecord("c/b.flac", 10, 1, Tagged(["Carol"], ["Soul"]), null))], Start, default);

        Assert.Equal(["a.flac"], await PathsAsync(new FileQuery(library.Id) { Artist = "bob" }));
        Assert.Equal(["c/b.flac"], await PathsAsync(new FileQuery(library.Id) { Artist = "carol" }));
    }

    [Fact]
    public async Task AnUnreadableFileKeepsItsListsAndStaysFoundByThem()
    {
        var library = await AddLibraryAsync();
        await Database.Files.UpsertBatchAsync(await ClaimAsync(library), [new FileRecord("a.flac", 10, 1, Tagged(["Alice"], ["Jazz"]), null)], Start, default);

        await Database.Files.UpsertBatchAsync(await NextClaimAsync(library), [new FileRecord("a.flac", 11, 2, AudioTags.Empty, "corrupt")], Start, default);

        var file = Assert.Single((await Database.Files.QueryAsync(new FileQuery(library.Id) { Artist = "alice" }, default)).Items);
        Assert.Equal(["Alice"], file.Tags.Artists);
        Assert.Equal("corrupt", file.ReadError);
    }

    private static AudioTags Tagged(string[] artists, string[] genres) => new()
    {
        Title = "T",
        Artist = string.Join(" / ", artists),
        All = new TagMap(new Dictionary<string, IReadOnlyList<string>>
        {
            ["artists"] = artists,
            ["genre"] = genres,
            ["musicbrainz_albumid"] = ["release-1"],
            ["performer:vocals"] = ["Alice"],
        }),
        Artists = artists,
        Genres = genres,
    };

    private async Task<string[]> PathsAsync(FileQuery query) =>
        (await Database.Files.QueryAsync(query, default)).Items.Select(f => f.Path).Order(StringComparer.Ordinal).ToArray();
}
