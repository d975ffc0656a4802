using Nomarr.Helpers.Libraries;
using Nomarr.Persistence;

namespace Nomarr.IntegrationTests.Persistence.Contracts;

/// <summary>What every engine's <see cref="ILibraryRepository"/> does.</summary>
public abstract class LibraryRepositoryContract(IContractEngine engine) : PortContract(engine)
{
    [Fact]
    public async Task AnAddedLibraryIsStoredWithItsRootNameAndWatchFlag()
    {
        var added = await Database.Libraries.AddAsync("Jazz", "/music/jazz", WatchMode.Off, null, Start, default);

        var stored = await Database.Libraries.GetAsync(added.Id, default);

        Assert.Equal(added, stored);
        Assert.Equal(("Jazz", "/music/jazz", false, Start), (stored!.Name, stored.RootPath, stored.Watch, stored.CreatedAt));
        Assert.Null(stored.LastScanAt);
        Assert.Null(stored.RootDevice);
    }

    [Fact]
    public async Task LibrariesAreListedInTheOrderTheyWereAdded()
    {
        var first = await AddLibraryAsync("/b");
        var second = await AddLibraryAsync("/a");

        var listed = await Database.Libraries.ListAsync(default);

        Assert.Equal([first.Id, second.Id], listed.Select(l => l.Id));
        Assert.True(second.Id > first.Id);
    }

    [Fact]
    public async Task ARootCanBeALibraryOnlyOnce()
    {
        await AddLibraryAsync("/music");

        await Assert.ThrowsAsync<PersistenceException>(() => AddLibraryAsync("/music"));
        Assert.Single(await Database.Libraries.ListAsync(default));
    }

    [Fact]
    public async Task AnUnknownLibraryIsNullAndCannotBeUpdatedOrRemoved()
    {
        Assert.Null(await Database.Libraries.GetAsync(42, default));
        Assert.False(await Database.Libraries.UpdateAsync(42, "x", WatchMode.Auto, null, default));
        Assert.False(await Database.Libraries.RemoveAsync(42, default));
    }

    [Fact]
    public async Task AnUpdateChangesOnlyWhatItNames()
    {
        var library = await AddLibraryAsync();

        Assert.True(await Database.Libraries.UpdateAsync(library.Id, "Renamed", null, null, default));
        Assert.True(await Database.Libraries.UpdateAsync(library.Id, null, WatchMode.Off, null, default));

        var stored = (await Database.Libraries.GetAsync(library.Id, default))!;
        Assert.Equal(("Renamed", false, library.RootPath), (stored.Name, stored.Watch, stored.RootPath));
    }

    [Fact]
    public async Task AWatchModeAndPollPeriodAreStoredTheWatchFlagFollowsAndAPeriodOfZeroForgetsIt()
    {
        var added = await Database.Libraries.AddAsync("Nas", "/mnt/nas", WatchMode.Poll, 15, Start, default);
        Assert.Equal((WatchMode.Poll, 15, true), (added.WatchMode, added.PollSeconds, added.Watch));

        Assert.True(await Database.Libraries.UpdateAsync(added.Id, null, WatchMode.Off, null, default));
        var off = (await Database.Libraries.GetAsync(added.Id, default))!;
        Assert.True(await Database.Libraries.UpdateAsync(added.Id, null, WatchMode.Inotify, 0, default));
        var inotify = (await Database.Libraries.GetAsync(added.Id, default))!;

        Assert.Equal((WatchMode.Off, false, 15), (off.WatchMode, off.Watch, off.PollSeconds));
        Assert.Equal((WatchMode.Inotify, true, (int?)null), (inotify.WatchMode, inotify.Watch, inotify.PollSeconds));
        Assert.Equal("Nas", inotify.Name);
    }

    [Fact]
    public async Task RemovingALibraryRemovesItsFilesAndWaitingTargetsAndLeavesOthersAlone()
    {
        var gone = await AddLibraryAsync();
        var kept = await AddLibraryAsync();
        await Database.Files.UpsertBatchAsync(await ClaimAsync(gone), [Record("a.mp3")], Start, default);
        await Database.Files.UpsertBatchAsync(await ClaimAsync(kept), [Record("a.mp3")], Start, default);
        await Database.Ledger.RequestAsync(gone.Id, ["Rock"], Start, default);
        await Database.Ledger.RequestAsync(kept.Id, ["Jazz"], Start, default);
        await Database.Ledger.CompleteAsync(await ClaimAsync(gone), new Nomarr.Helpers.Scanning.ScanResult(), null, Start, default);

        Assert.True(await Database.Libraries.RemoveAsync(gone.Id, default));

        Assert.Null(await Database.Libraries.GetAsync(gone.Id, default));
        Assert.Equal(0, (await Database.Files.QueryAsync(new FileQuery(gone.Id), default)).Total);
        Assert.Equal(1, (await Database.Files.QueryAsync(new FileQuery(kept.Id), default)).Total);
        Assert.Equal([kept.Id], await Database.Pending.ListLibrariesAsync(default));
    }

    [Fact]
    public async Task ALibraryBeingScannedIsNotRemoved()
    {
        var library = await AddLibraryAsync();
        var claim = await ClaimAsync(library);

        await Assert.ThrowsAsync<Nomarr.Helpers.Errors.ScanAlreadyRunningException>(() => Database.Libraries.RemoveAsync(library.Id, default));
        await Database.Ledger.CancelAsync(claim, Start, default);

        Assert.True(await Database.Libraries.RemoveAsync(library.Id, default));
    }
}
