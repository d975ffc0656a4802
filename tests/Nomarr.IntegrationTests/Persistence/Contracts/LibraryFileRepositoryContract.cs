using Nomarr.Helpers.Libraries;
using Nomarr.Persistence;

namespace Nomarr.IntegrationTests.Persistence.Contracts;

/// <summary>
/// What every engine's <see cref="ILibraryFileRepository"/> does. Folder scopes compare paths by their
/// characters exactly: no wildcards, no case folding, and "Rock" never holds "Rock and Roll".
/// </summary>
public abstract class LibraryFileRepositoryContract(IContractEngine engine) : PortContract(engine)
{
    [Fact]
    public async Task UpsertBatchReturnsExactInsertedAndUpdatedCounts()
    {
        var library = await AddLibraryAsync();

        var first = await Database.Files.UpsertBatchAsync(await ClaimAsync(library), [Record("a.mp3", "A"), Record("b.mp3", "B")], Start, default);
        var next = await NextClaimAsync(library);
        var second = await Database.Files.UpsertBatchAsync(next, [Record("b.mp3", "B2"), Record("c.mp3", "C"), Record("d.mp3", "D")], Start, default);

        Assert.Equal(new UpsertCounts(2, 0), first);
        Assert.Equal(new UpsertCounts(2, 1), second);
        var b = (await Database.Files.QueryAsync(new FileQuery(library.Id, Text: "b2"), default)).Items.Single();
        Assert.Equal(next.RunId, b.LastSeenScanId);
    }

    [Fact]
    public async Task UpsertCountsStayExactWhenAnotherLibraryWroteTheNewestRows()
    {
        var first = await AddLibraryAsync();
        var second = await AddLibraryAsync();
        await Database.Files.UpsertBatchAsync(await ClaimAsync(first), [Record("a.mp3")], Start, default);
        await Database.Files.UpsertBatchAsync(await ClaimAsync(second), [Record("a.mp3"), Record("b.mp3")], Start, default);

        var counts = await Database.Files.UpsertBatchAsync(await NextClaimAsync(first), [Record("a.mp3"), Record("b.mp3")], Start, default);

        Assert.Equal(new UpsertCounts(1, 1), counts);
        Assert.Equal(2, (await Database.Files.QueryAsync(new FileQuery(first.Id), default)).Total);
    }

    [Fact]
    public async Task AnUnreadableFileKeepsItsTagsAndRecordsTheError()
    {
        var library = await AddLibraryAsync();
        await Database.Files.UpsertBatchAsync(await ClaimAsync(library), [Record("a.mp3", "Help!")], Start, default);

        await Database.Files.UpsertBatchAsync(await NextClaimAsync(library), [new FileRecord("a.mp3", 20, 2_000, AudioTags.Empty, "corrupt header")], Start.AddSeconds(1), default);

        var file = Assert.Single((await Database.Files.QueryAsync(new FileQuery(library.Id), default)).Items);
        Assert.Equal(("Help!", "corrupt header", 20L, true), (file.Tags.Title, file.ReadError, file.Size, file.Valid));
    }

    [Fact]
    public async Task AStoredFileComesBackAsItWasWritten()
    {
        var library = await AddLibraryAsync();
        var tags = new AudioTags { Title = "So What", Artist = "Miles Davis", Album = "Kind of Blue", Track = 1, Disc = 1, Year = 1959, Duration = 562.5, Bitrate = 320, SampleRate = 44100, Channels = 2, Codec = "mp3" };
        var claim = await ClaimAsync(library);
        await Database.Files.UpsertBatchAsync(claim, [new FileRecord("Jazz/01.mp3", 1234, 1_700_000_000_123_456_789, tags, null)], Start, default);

        var id = (await Database.Files.QueryAsync(new FileQuery(library.Id), default)).Items.Single().Id;
        var file = await Database.Files.GetAsync(id, default);

        Assert.NotNull(file);
        Assert.Equal(("Jazz/01.mp3", 1234L, library.Id, (long?)claim.RunId), (file.Path, file.Size, file.LibraryId, file.LastSeenScanId));
        Assert.Equal(tags, file.Tags);
        Assert.Equal(UnixTime.FromNanos(1_700_000_000_123_456_789), file.Mtime);
        Assert.Equal((Start, Start), (file.AddedAt, file.UpdatedAt));
        Assert.Null(file.MissingSince);
        Assert.Null(await Database.Files.GetAsync(id + 1000, default));
    }

    [Fact]
    public async Task StreamKnownYieldsTheFilesUnderTheFoldersOnly()
    {
        var library = await AddLibraryAsync();
        await Database.Files.UpsertBatchAsync(
            await ClaimAsync(library),
            [Record("Rock/a.mp3"), Record("Rock/Sub/b.mp3"), Record("Rock and Roll/c.mp3"), Record("Rock0/d.mp3"), Record("Rocky/e.mp3"), Record("Jazz/f.mp3"), Record("Rock")],
            Start, default);

        var rock = await KnownAsync(library.Id, ["Rock"]);
        var everything = await KnownAsync(library.Id, [""]);
        var none = await KnownAsync(library.Id, []);

        Assert.Equal(["Rock", "Rock/Sub/b.mp3", "Rock/a.mp3"], rock);
        Assert.Equal(7, everything.Count);
        Assert.Equal(7, none.Count);
    }

    [Fact]
    public async Task FolderScopesAreExactForNamesWithWildcardsCaseAndLettersBeyondAscii()
    {
        var library = await AddLibraryAsync();
        await Database.Files.UpsertBatchAsync(
            await ClaimAsync(library),
            [Record("100%/a.mp3"), Record("100x/b.mp3"), Record("A_B/c.mp3"), Record("AxB/d.mp3"), Record("rock/e.mp3"), Record("Élan/f.mp3"), Record("Élan/g/h.mp3"), Record("Élana/i.mp3")],
            Start, default);

        Assert.Equal(["100%/a.mp3"], await KnownAsync(library.Id, ["100%"]));
        Assert.Equal(["A_B/c.mp3"], await KnownAsync(library.Id, ["A_B"]));
        Assert.Empty(await KnownAsync(library.Id, ["Rock"]));
        Assert.Equal(["Élan/f.mp3", "Élan/g/h.mp3"], await KnownAsync(library.Id, ["Élan"]));
        Assert.Equal(["A_B/c.mp3"], (await Database.Files.QueryAsync(new FileQuery(library.Id, Folder: "A_B"), default)).Items.Select(f => f.Path));
    }

    [Fact]
    public async Task MarkMissingLeavesFilesOutsideTheGivenFoldersOrOfAnotherLibraryAlone()
    {
        var library = await AddLibraryAsync();
        var other = await AddLibraryAsync();
        await Database.Files.UpsertBatchAsync(await ClaimAsync(library), [Record("Rock/a.mp3"), Record("Jazz/b.mp3")], Start, default);
        await Database.Files.UpsertBatchAsync(await ClaimAsync(other), [Record("Rock/a.mp3")], Start, default);
        var ids = (await Database.Files.QueryAsync(new FileQuery(), default)).Items.Select(f => f.Id).ToList();

        var changed = await Database.Files.MarkMissingAsync(await ClaimAsync(library), ["Rock"], ids, Start.AddSeconds(1), default);
        var again = await Database.Files.MarkMissingAsync(await ClaimAsync(library), ["Rock"], ids, Start.AddSeconds(2), default);

        Assert.Equal((1, 0), (changed, again));
        var missing = Assert.Single((await Database.Files.QueryAsync(new FileQuery(Missing: true), default)).Items);
        Assert.Equal(("Rock/a.mp3", library.Id, Start.AddSeconds(1)), (missing.Path, missing.LibraryId, missing.MissingSince));
    }

    [Fact]
    public async Task AMissingFileSeenAgainIsValidAgain()
    {
        var library = await AddLibraryAsync();
        await Database.Files.UpsertBatchAsync(await ClaimAsync(library), [Record("a.mp3")], Start, default);
        var id = (await Database.Files.QueryAsync(new FileQuery(library.Id), default)).Items.Single().Id;
        await Database.Files.MarkMissingAsync(await ClaimAsync(library), [""], [id], Start, default);

        var counts = await Database.Files.UpsertBatchAsync(await NextClaimAsync(library), [Record("a.mp3")], Start.AddSeconds(1), default);

        Assert.Equal(new UpsertCounts(0, 1), counts);
        var file = (await Database.Files.GetAsync(id, default))!;
        Assert.True(file.Valid);
        Assert.Null(file.MissingSince);
    }

    [Fact]
    public async Task ALibraryHasValidFilesOnlyWhileOneIsNotMissing()
    {
        var library = await AddLibraryAsync();
        var other = await AddLibraryAsync();
        await Database.Files.UpsertBatchAsync(await ClaimAsync(other), [Record("a.mp3")], Start, default);
        Assert.False(await Database.Files.HasValidAsync(library.Id, default));

        await Database.Files.UpsertBatchAsync(await ClaimAsync(library), [Record("a.mp3"), Record("b.mp3")], Start, default);
        Assert.True(await Database.Files.HasValidAsync(library.Id, default));
        Assert.Equal(2, await Database.Files.CountValidAsync(library.Id, default));

        var ids = (await Database.Files.QueryAsync(new FileQuery(library.Id), default)).Items.Select(f => f.Id).ToList();
        await Database.Files.MarkMissingAsync(await ClaimAsync(library), [""], ids, Start, default);
        Assert.False(await Database.Files.HasValidAsync(library.Id, default));
        Assert.Equal(0, await Database.Files.CountValidAsync(library.Id, default));
    }

    [Fact]
    public async Task MoveCandidatesShareAKeyAndWereNotWrittenByTheScanAskingForThem()
    {
        var library = await AddLibraryAsync();
        await Database.Files.UpsertBatchAsync(
            await ClaimAsync(library),
            [
                Record("by-audio.mp3") with { AudioId = "audio-1" },
                Record("by-inode.mp3") with { DeviceInode = new DeviceInode(8, 1001) },
                Record("by-print.mp3") with { Fingerprint = "print-1" },
                Record("unrelated.mp3") with { AudioId = "audio-2", DeviceInode = new DeviceInode(8, 1002) },
            ],
            Start, default);
        var scan = await NextClaimAsync(library);
        await Database.Files.UpsertBatchAsync(scan, [Record("this-scan.mp3") with { AudioId = "audio-1" }], Start, default);

        var candidates = await Database.Files.FindMoveCandidatesAsync(library.Id, scan.RunId, ["audio-1"], [1001], ["print-1"], default);
        var none = await Database.Files.FindMoveCandidatesAsync(library.Id, scan.RunId, [], [], [], default);

        Assert.Equal(["by-audio.mp3", "by-inode.mp3", "by-print.mp3"], candidates.Select(c => c.Path).Order(StringComparer.Ordinal));
        Assert.Equal(new DeviceInode(8, 1001), candidates.Single(c => c.Path == "by-inode.mp3").DeviceInode);
        Assert.Empty(none);
    }

    [Fact]
    public async Task AMovedRecordKeepsItsIdAndAddedTimeAndTakesTheNewPath()
    {
        var library = await AddLibraryAsync();
        await Database.Files.UpsertBatchAsync(await ClaimAsync(library), [Record("Old/a.mp3", "A") with { AudioId = "x" }], Start, default);
        var before = (await Database.Files.QueryAsync(new FileQuery(library.Id), default)).Items.Single();
        await Database.Files.MarkMissingAsync(await ClaimAsync(library), [""], [before.Id], Start, default);

        var mover = await NextClaimAsync(library);
        var moved = await Database.Files.MoveBatchAsync(mover, [(before.Id, Record("New/a.mp3", "A2") with { AudioId = "x" })], Start.AddSeconds(3), default);

        Assert.Equal(1, moved);
        var after = (await Database.Files.GetAsync(before.Id, default))!;
        Assert.Equal(("New/a.mp3", "A2", true, Start, Start.AddSeconds(3), (long?)mover.RunId), (after.Path, after.Tags.Title, after.Valid, after.AddedAt, after.UpdatedAt, after.LastSeenScanId));
        Assert.Equal(1, (await Database.Files.QueryAsync(new FileQuery(library.Id), default)).Total);
    }

    [Fact]
    public async Task PurgeDeletesOnlyRecordsMissingSinceBeforeTheCutOff()
    {
        var library = await AddLibraryAsync();
        await Database.Files.UpsertBatchAsync(await ClaimAsync(library), [Record("old.mp3"), Record("new.mp3"), Record("here.mp3")], Start, default);
        var files = (await Database.Files.QueryAsync(new FileQuery(library.Id), default)).Items.ToDictionary(f => f.Path, f => f.Id);
        await Database.Files.MarkMissingAsync(await ClaimAsync(library), [""], [files["old.mp3"]], Start, default);
        await Database.Files.MarkMissingAsync(await ClaimAsync(library), [""], [files["new.mp3"]], Start.AddDays(10), default);

        var purged = await Database.Files.PurgeMissingAsync(library.Id, Start.AddDays(5), default);

        Assert.Equal(1, purged);
        Assert.Equal(["here.mp3", "new.mp3"], (await Database.Files.QueryAsync(new FileQuery(library.Id), default)).Items.Select(f => f.Path));
    }

    [Theory]
    [InlineData("élan")]
    [InlineData("ÉLAN")]
    [InlineData("Élan")]
    public async Task TextSearchIgnoresTheCaseOfLettersBeyondAscii(string text)
    {
        var library = await AddLibraryAsync();
        await Database.Files.UpsertBatchAsync(await ClaimAsync(library), [Record("a.mp3", "ÉLAN VITAL"), Record("b.mp3", "Other")], Start, default);

        var found = await Database.Files.QueryAsync(new FileQuery(library.Id, Text: text), default);

        Assert.Equal(["a.mp3"], found.Items.Select(f => f.Path));
    }

    [Theory]
    [InlineData("ocean", "a.mp3 b.mp3")]
    [InlineData("EAN", "a.mp3 b.mp3")]
    [InlineData("MéR", "c.mp3")]
    [InlineData("mer", "")]
    [InlineData("deep", "a.mp3")]
    [InlineData("é", "c.mp3")]
    [InlineData("o", "a.mp3 b.mp3 c.mp3 d.mp3")]
    [InlineData("50%", "d.mp3")]
    [InlineData("5_%", "")]
    [InlineData("a_b", "d.mp3")]
    [InlineData("\"quoted\"", "d.mp3")]
    [InlineData("back\\slash", "d.mp3")]
    [InlineData("Звезд", "e.mp3")]
    [InlineData("ЗВЕЗД", "e.mp3")]
    [InlineData("ЗВЁЗД", "")]
    [InlineData("deep ocean blue", "")]
    public async Task TextSearchFindsASubstringOfTheTitleArtistOrAlbumAsWritten(string text, string expected)
    {
        var library = await AddLibraryAsync();
        await Database.Files.UpsertBatchAsync(await ClaimAsync(library),
        [
            Tagged("a.mp3", "Deep Ocean", "Someone", "Blue"),
            Tagged("b.mp3", "Song", "Ocean Band", "Other"),
            Tagged("c.mp3", "Song", "Someone", "LA MÉR"),
            Tagged("d.mp3", "50% \"quoted\" a_b back\\slash", null, null),
            Tagged("e.mp3", "Звезда", null, null),
        ], Start, default);

        var found = await Database.Files.QueryAsync(new FileQuery(library.Id, Text: text), default);

        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries), found.Items.Select(f => f.Path));
        Assert.Equal(found.Items.Count, found.Total);
    }

    [Fact]
    public async Task TextSearchFollowsRetagsMovesAndPurges()
    {
        var library = await AddLibraryAsync();
        await Database.Files.UpsertBatchAsync(await ClaimAsync(library), [Tagged("a.mp3", "Crimson Tide", "Band", "Album"), Tagged("b.mp3", "Crimson Sky", "Band", "Album")], Start, default);
        var ids = (await Database.Files.QueryAsync(new FileQuery(library.Id), default)).Items.ToDictionary(f => f.Path, f => f.Id);

        await Database.Files.UpsertBatchAsync(await NextClaimAsync(library), [Tagged("a.mp3", "Golden Tide", "Band", "Album")], Start.AddSeconds(1), default);
        await Database.Files.MoveBatchAsync(await NextClaimAsync(library), [(ids["b.mp3"], Tagged("moved/b.mp3", "Crimson Sky", "Band", "Album"))], Start.AddSeconds(2), default);

        Assert.Equal(["moved/b.mp3"], await FoundAsync(library.Id, "crimson"));
        Assert.Equal(["a.mp3"], await FoundAsync(library.Id, "golden"));
        await Database.Files.MarkMissingAsync(await NextClaimAsync(library), [""], [ids["a.mp3"]], Start.AddSeconds(3), default);
        await Database.Files.PurgeMissingAsync(library.Id, Start.AddDays(1), default);
        Assert.Empty(await FoundAsync(library.Id, "golden"));
        Assert.Equal(["moved/b.mp3"], await FoundAsync(library.Id, "band"));
    }

    [Fact]
    public async Task QueriesArePagedInPathOrderWithTheTotalOfAllMatches()
    {
        var library = await AddLibraryAsync();
        await Database.Files.UpsertBatchAsync(await ClaimAsync(library), [Record("c.mp3"), Record("a.mp3"), Record("B.mp3"), Record("b.mp3")], Start, default);

        var page = await Database.Files.QueryAsync(new FileQuery(library.Id, Offset: 1, Limit: 2), default);

        Assert.Equal(4, page.Total);
        Assert.Equal(["a.mp3", "b.mp3"], page.Items.Select(f => f.Path));
    }

    // A page with fewer rows than asked for tells the total itself; a full page, or an empty one past the
    // end, has it counted: each must give the total of all matches.
    [Theory]
    [InlineData(0, 10, 5, 5)]
    [InlineData(0, 5, 5, 5)]
    [InlineData(0, 2, 5, 2)]
    [InlineData(4, 2, 5, 1)]
    [InlineData(4, 1, 5, 1)]
    [InlineData(5, 2, 5, 0)]
    [InlineData(9, 2, 5, 0)]
    public async Task EveryPageGivesTheTotalOfAllMatches(int offset, int limit, int stored, int onThePage)
    {
        var library = await AddLibraryAsync();
        await Database.Files.UpsertBatchAsync(await ClaimAsync(library), Enumerable.Range(0, stored).Select(i => Record($"{i}.mp3", title: $"Song {i}")).ToList(), Start, default);

        var page = await Database.Files.QueryAsync(new FileQuery(library.Id, Offset: offset, Limit: limit), default);
        var searched = await Database.Files.QueryAsync(new FileQuery(library.Id, Text: "song", Offset: offset, Limit: limit), default);

        Assert.Equal(stored, page.Total);
        Assert.Equal(onThePage, page.Items.Count);
        Assert.Equal(page.Total, searched.Total);
        Assert.Equal(page.Items.Select(f => f.Path), searched.Items.Select(f => f.Path));
    }

    [Fact]
    public async Task AWriteUnderAClaimThatIsNoLongerHeldIsRefusedAndWritesNothing()
    {
        var library = await AddLibraryAsync();
        var old = await ClaimAsync(library);
        await Database.Files.UpsertBatchAsync(old, [Record("a.mp3")], Start, default);
        var id = (await Database.Files.QueryAsync(new FileQuery(library.Id), default)).Items.Single().Id;
        await NextClaimAsync(library);

        await Assert.ThrowsAsync<LeaseLostException>(() => Database.Files.UpsertBatchAsync(old, [Record("b.mp3")], Start, default));
        await Assert.ThrowsAsync<LeaseLostException>(() => Database.Files.MarkMissingAsync(old, [""], [id], Start, default));
        await Assert.ThrowsAsync<LeaseLostException>(() => Database.Files.MoveBatchAsync(old, [(id, Record("c.mp3"))], Start, default));

        var files = (await Database.Files.QueryAsync(new FileQuery(library.Id), default)).Items;
        Assert.Equal(["a.mp3"], files.Select(f => f.Path));
        Assert.True(files[0].Valid);
    }

    [Fact]
    public async Task AWriteOfAnotherLibraryThanTheClaimsIsRefused()
    {
        var library = await AddLibraryAsync();
        var other = await AddLibraryAsync();
        var claim = await ClaimAsync(library);

        await Assert.ThrowsAsync<LeaseLostException>(() => Database.Files.UpsertBatchAsync(claim with { LibraryId = other.Id }, [Record("a.mp3")], Start, default));
        Assert.Equal(0, (await Database.Files.QueryAsync(new FileQuery(), default)).Total);
    }

    private static FileRecord Tagged(string path, string? title, string? artist, string? album) =>
        new(path, 10, 1_000, new AudioTags { Title = title, Artist = artist, Album = album }, null);

    private async Task<List<string>> FoundAsync(long libraryId, string text) =>
        (await Database.Files.QueryAsync(new FileQuery(libraryId, Text: text), default)).Items.Select(f => f.Path).ToList();

    private async Task<List<string>> KnownAsync(long libraryId, IReadOnlyList<string> folders)
    {
        var paths = new List<string>();
        await foreach (var file in Database.Files.StreamKnownAsync(libraryId, folders, default))
        {
            paths.Add(file.Path);
        }

        paths.Sort(StringComparer.Ordinal);
        return paths;
    }
}
