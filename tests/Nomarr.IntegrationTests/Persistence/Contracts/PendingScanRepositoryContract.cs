using Nomarr.Helpers.Scanning;
using Nomarr.Persistence;

namespace Nomarr.IntegrationTests.Persistence.Contracts;

/// <summary>
/// What every engine's <see cref="IPendingScanRepository"/> does: it reads what the ledger's requests
/// stored (the ledger alone writes them: see <see cref="ScanLedgerContract"/>).
/// </summary>
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
        await Database.Ledger.RequestAsync(library.Id, ["Rock"], Start, default);
        await Database.Ledger.RequestAsync(other.Id, ["Jazz"], Start, default);
        await Database.Ledger.RequestAsync(library.Id, ["Blues"], Start.AddSeconds(5), default);

        var waiting = await Database.Pending.GetAsync(library.Id, default);

        Assert.Equal(["Blues", "Rock"], waiting!.Folders.Order(StringComparer.Ordinal));
        Assert.Equal(Start.AddSeconds(5), waiting.NewestQueuedAt);
        Assert.Equal([library.Id, other.Id], (await Database.Pending.ListLibrariesAsync(default)).Order());
    }

    [Fact]
    public async Task ATargetRequestedAgainWaitsOnceWithTheNewerTime()
    {
        var library = await AddLibraryAsync();
        await Database.Ledger.RequestAsync(library.Id, ["Rock"], Start, default);
        await Database.Ledger.RequestAsync(library.Id, ["Rock"], Start.AddSeconds(9), default);

        var waiting = await Database.Pending.GetAsync(library.Id, default);

        Assert.Equal(["Rock"], waiting!.Folders);
        Assert.Equal(Start.AddSeconds(9), waiting.NewestQueuedAt);
    }

    [Fact]
    public async Task TheWholeLibraryWaitsAsTheEmptyFolder()
    {
        var library = await AddLibraryAsync();
        await Database.Ledger.RequestAsync(library.Id, [""], Start, default);

        var waiting = await Database.Pending.GetAsync(library.Id, default);

        Assert.Equal([string.Empty], waiting!.Folders);
        Assert.Equal([new ScanTarget(library.Id)], waiting.ToTargets());
    }
}
