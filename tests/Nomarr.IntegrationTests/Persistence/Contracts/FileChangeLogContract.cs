using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Scanning;

namespace Nomarr.IntegrationTests.Persistence.Contracts;

/// <summary>What every engine's change log holds: one entry per change of a record, in commit order, pruned from the oldest.</summary>
public abstract class FileChangeLogContract(IContractEngine engine) : PortContract(engine)
{
    [Fact]
    public async Task EveryKindOfChangeIsLoggedInOrderWithItsPaths()
    {
        var library = await AddLibraryAsync();
        await Database.Files.UpsertBatchAsync(await ClaimAsync(library), [Record("a.mp3", "A"), Record("b.mp3", "B")], Start, default);
        var ids = (await Database.Files.QueryAsync(new FileQuery(library.Id), default)).Items.ToDictionary(f => f.Path, f => f.Id);
        await Database.Files.UpsertBatchAsync(await NextClaimAsync(library), [Record("a.mp3", "A2", mtime: 2_000)], Start.AddMinutes(1), default);
        await Database.Files.MoveBatchAsync(await ClaimAsync(library), [(ids["b.mp3"], Record("c/b.mp3", "B"))], Start.AddMinutes(2), default);
        await Database.Files.MarkMissingAsync(await ClaimAsync(library), [""], [ids["a.mp3"]], Start.AddMinutes(3), default);
        await Database.Files.UpsertBatchAsync(await NextClaimAsync(library), [Record("a.mp3", "A2", mtime: 3_000)], Start.AddMinutes(4), default);
        await Database.Files.MarkMissingAsync(await ClaimAsync(library), [""], [ids["a.mp3"]], Start.AddMinutes(5), default);
        Assert.True(await Database.Files.PurgeMissingFileAsync(ids["a.mp3"], default));

        var page = await Database.Changes.ReadAsync(0, 100, default);

        Assert.False(page.Expired);
        Assert.Equal(
            [
                (ids["a.mp3"], FileChangeKind.Added, "a.mp3", (string?)null),
                (ids["b.mp3"], FileChangeKind.Added, "b.mp3", null),
                (ids["a.mp3"], FileChangeKind.Updated, "a.mp3", null),
                (ids["b.mp3"], FileChangeKind.Moved, "c/b.mp3", "b.mp3"),
                (ids["a.mp3"], FileChangeKind.Missing, "a.mp3", null),
                (ids["a.mp3"], FileChangeKind.Restored, "a.mp3", null),
                (ids["a.mp3"], FileChangeKind.Missing, "a.mp3", null),
                (ids["a.mp3"], FileChangeKind.Purged, "a.mp3", null),
            ],
            page.Changes.Select(c => (c.FileId, c.Kind, c.Path, c.OldPath)));
        Assert.All(page.Changes, c => Assert.Equal(library.Id, c.LibraryId));
        Assert.Equal(page.Changes.Select(c => c.Seq).Order(), page.Changes.Select(c => c.Seq));
        Assert.Equal(page.Changes[^1].Seq, page.NextSince);
    }

    [Fact]
    public async Task ACursorReadsOnFromWhereThePreviousPageEnded()
    {
        var library = await AddLibraryAsync();
        await Database.Files.UpsertBatchAsync(await ClaimAsync(library), [Record("a.mp3"), Record("b.mp3"), Record("c.mp3")], Start, default);

        var first = await Database.Changes.ReadAsync(0, 2, default);
        var second = await Database.Changes.ReadAsync(first.NextSince, 2, default);
        var end = await Database.Changes.ReadAsync(second.NextSince, 2, default);

        Assert.Equal(["a.mp3", "b.mp3", "c.mp3"], first.Changes.Concat(second.Changes).Select(c => c.Path));
        Assert.Empty(end.Changes);
        Assert.Equal(second.NextSince, end.NextSince);
    }

    [Fact]
    public async Task PruningDropsTheOldChangesAndACursorBehindThemExpires()
    {
        var library = await AddLibraryAsync();
        await Database.Files.UpsertBatchAsync(await ClaimAsync(library), [Record("old.mp3")], Start, default);
        var afterOld = (await Database.Changes.ReadAsync(0, 10, default)).NextSince;
        await Database.Files.UpsertBatchAsync(await NextClaimAsync(library), [Record("new.mp3")], Start.AddDays(40), default);

        var pruned = await Database.Changes.PruneAsync(Start.AddDays(10), default);

        Assert.Equal(1, pruned);
        Assert.True((await Database.Changes.ReadAsync(0, 10, default)).Expired);
        var current = await Database.Changes.ReadAsync(afterOld, 10, default);
        Assert.False(current.Expired);
        Assert.Equal("new.mp3", Assert.Single(current.Changes).Path);
    }

    [Fact]
    public async Task RemovingALibraryLogsItsRecordsAsPurged()
    {
        var library = await AddLibraryAsync();
        await Database.Files.UpsertBatchAsync(await ClaimAsync(library), [Record("a.mp3")], Start, default);
        await Database.Ledger.CompleteAsync(await ClaimAsync(library), new ScanResult(), null, Start, default);
        var mark = (await Database.Changes.ReadAsync(0, 10, default)).NextSince;

        await Database.Libraries.RemoveAsync(library.Id, default);

        var purged = Assert.Single((await Database.Changes.ReadAsync(mark, 10, default)).Changes);
        Assert.Equal((FileChangeKind.Purged, "a.mp3", library.Id), (purged.Kind, purged.Path, purged.LibraryId));
    }
}
