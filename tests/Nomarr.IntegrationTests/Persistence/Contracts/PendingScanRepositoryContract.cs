using Nomarr.Helpers.Scanning;
using Nomarr.Persistence;

namespace Nomarr.IntegrationTests.Persistence.Contracts;

/// <summary>What every engine's <see cref="IPendingScanRepository"/> does.</summary>
public abstract class PendingScanRepositoryContract(IContractEngine engine) : PortContract(engine)
{
    [Fact]
    public async Task NothingWaitsForALibraryWithNoTargets()
    {
        var library = await AddLibraryAsync();

        Assert.Null(await Database.Pending.GetAsync(library.Id, default));
        Assert.Empty(await Database.Pending.ListLibrariesAsync(default));
    }

    [Fact]
    public async Task TargetsWaitPerLibraryWithTheNewestTimeAmongThem()
    {
        var library = await AddLibraryAsync();
        var other = await AddLibraryAsync();
        await Database.Pending.AddAsync([new ScanTarget(library.Id, "Rock"), new ScanTarget(other.Id, "Jazz")], Start, default);
        await Database.Pending.AddAsync([new ScanTarget(library.Id, "Blues")], Start.AddSeconds(5), default);

        var waiting = await Database.Pending.GetAsync(library.Id, default);

        Assert.Equal(["Blues", "Rock"], waiting!.Folders.Order(StringComparer.Ordinal));
        Assert.Equal(Start.AddSeconds(5), waiting.NewestQueuedAt);
        Assert.Equal([library.Id, other.Id], (await Database.Pending.ListLibrariesAsync(default)).Order());
    }

    [Fact]
    public async Task ATargetAddedAgainWaitsOnceWithTheNewerTime()
    {
        var library = await AddLibraryAsync();
        await Database.Pending.AddAsync([new ScanTarget(library.Id, "Rock")], Start, default);
        await Database.Pending.AddAsync([new ScanTarget(library.Id, "Rock")], Start.AddSeconds(9), default);

        var waiting = await Database.Pending.GetAsync(library.Id, default);

        Assert.Equal(["Rock"], waiting!.Folders);
        Assert.Equal(Start.AddSeconds(9), waiting.NewestQueuedAt);
    }

    [Fact]
    public async Task RemovingUpToATimeKeepsTargetsRequestedAfterIt()
    {
        var library = await AddLibraryAsync();
        await Database.Pending.AddAsync([new ScanTarget(library.Id, "Rock"), new ScanTarget(library.Id, "Jazz")], Start, default);
        await Database.Pending.AddAsync([new ScanTarget(library.Id, "Jazz")], Start.AddSeconds(2), default);

        await Database.Pending.RemoveAsync(library.Id, ["Rock", "Jazz"], Start.AddSeconds(1), default);

        Assert.Equal(["Jazz"], (await Database.Pending.GetAsync(library.Id, default))!.Folders);
    }

    [Fact]
    public async Task TheWholeLibraryWaitsAsTheEmptyFolder()
    {
        var library = await AddLibraryAsync();
        await Database.Pending.AddAsync([new ScanTarget(library.Id)], Start, default);

        var waiting = await Database.Pending.GetAsync(library.Id, default);

        Assert.Equal([string.Empty], waiting!.Folders);
        Assert.Equal([new ScanTarget(library.Id)], waiting.ToTargets());
    }
}
