using Nomarr.Helpers.Scanning;
using Nomarr.Persistence;

namespace Nomarr.IntegrationTests.Persistence.Contracts;

/// <summary>
/// What every engine does for several nodes on one database: runs record the node that claimed them,
/// a pinned library is claimed by its node alone, a running scan's progress is on its run, a lease of
/// another node is taken over only once it lapsed, and heartbeats tell alive nodes from gone ones.
/// </summary>
public abstract class NodesContract(IContractEngine engine) : PortContract(engine)
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);
    private static readonly string A = LeaseOwners.For("node-a", "host", 100, "n1");
    private static readonly string B = LeaseOwners.For("node-b", "host", 200, "n2");

    private IScanLedger Ledger => Database.Ledger;

    [Fact]
    public async Task AClaimedRunRecordsTheNodeOfItsOwner()
    {
        var library = await AddLibraryAsync();
        var queued = await Ledger.RequestAsync(library.Id, [""], Start, default);
        Assert.Null((await Ledger.GetAsync(queued.RunId, default))!.Node);

        var claim = (await Ledger.TryClaimAsync(library.Id, B, Long, null, Start, default)).Claim!;
        var started = (await Ledger.TryStartAsync((await AddLibraryAsync()).Id, [""], A, Long, null, Start, default)).Claim!;

        Assert.Equal("node-b", (await Ledger.GetAsync(claim.RunId, default))!.Node);
        Assert.Equal("node-a", (await Ledger.GetAsync(started.RunId, default))!.Node);
        await Ledger.CompleteAsync(claim, new ScanResult { ScanId = claim.RunId, LibraryId = library.Id }, null, Start, default);
        Assert.Equal("node-b", (await Ledger.ListAsync(library.Id, 1, default))[0].Node);
    }

    [Fact]
    public async Task APinnedLibraryIsClaimedByItsNodeAloneAndUnpinnedByAny()
    {
        var library = await AddLibraryAsync();
        Assert.True(await Database.Libraries.SetNodeAsync(library.Id, "node-a", default));
        Assert.Equal("node-a", (await Database.Libraries.GetAsync(library.Id, default))!.Node);
        var queued = await Ledger.RequestAsync(library.Id, ["Rock"], Start, default);

        Assert.Equal(ClaimAttempt.Nothing, await Ledger.TryClaimAsync(library.Id, B, Long, null, Start, default));
        var stillQueued = (await Ledger.GetAsync(queued.RunId, default))!;
        Assert.Equal(ScanRunStatus.Queued, stillQueued.Status);
        Assert.Equal(["Rock"], stillQueued.Targets);
        Assert.Equal(queued.RunId, (await Ledger.TryClaimAsync(library.Id, A, Long, null, Start, default)).Claim!.RunId);

        var other = await AddLibraryAsync();
        Assert.True(await Database.Libraries.SetNodeAsync(other.Id, "node-a", default));
        Assert.True(await Database.Libraries.SetNodeAsync(other.Id, null, default));
        await Ledger.RequestAsync(other.Id, [""], Start, default);
        Assert.NotNull((await Ledger.TryClaimAsync(other.Id, B, Long, null, Start, default)).Claim);
        Assert.False(await Database.Libraries.SetNodeAsync(other.Id + 100, "node-a", default));
    }

    [Fact]
    public async Task ARunningScanRecordsItsProgressUntilItEndsAndAStaleClaimRecordsNothing()
    {
        var library = await AddLibraryAsync();
        var claim = (await Ledger.TryStartAsync(library.Id, [""], A, Long, null, Start, default)).Claim!;
        var progress = new ScanProgress(claim.RunId, library.Id, ScanPhase.Writing, 120, 80, 60, 40, 2, 20, "Rock");

        Assert.True(await Ledger.RecordProgressAsync(claim, progress, default));
        Assert.Equal(progress, (await Ledger.GetAsync(claim.RunId, default))!.Progress);
        Assert.False(await Ledger.RecordProgressAsync(claim with { Token = claim.Token + 1 }, progress with { FilesWritten = 99 }, default));
        Assert.Equal(40, (await Ledger.GetAsync(claim.RunId, default))!.Progress!.FilesWritten);

        await Ledger.CompleteAsync(claim, new ScanResult { ScanId = claim.RunId, LibraryId = library.Id }, null, Start, default);
        Assert.Null((await Ledger.GetAsync(claim.RunId, default))!.Progress);
        Assert.False(await Ledger.RecordProgressAsync(claim, progress, default));
    }

    [Fact]
    public async Task AnotherNodesLeaseStandsUntilItLapsesAndIsThenTakenOver()
    {
        var library = await AddLibraryAsync();
        var held = (await Ledger.TryStartAsync(library.Id, [""], A, TimeSpan.FromSeconds(1), null, Start, default)).Claim!;
        await Ledger.RequestAsync(library.Id, [""], Start, default);

        Assert.Equal(A, (await Ledger.TryClaimAsync(library.Id, B, Long, null, Start, default)).Holder);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        ClaimAttempt attempt;
        while ((attempt = await Ledger.TryClaimAsync(library.Id, B, Long, null, Start, timeout.Token)).Claim is null)
        {
            await Task.Delay(50, timeout.Token);
        }

        Assert.Equal("node-b", (await Ledger.GetAsync(attempt.Claim.RunId, default))!.Node);
        var old = (await Ledger.GetAsync(held.RunId, default))!;
        Assert.Equal(ScanRunStatus.Interrupted, old.Status);
        Assert.Contains("expired", old.Error, StringComparison.Ordinal);
        Assert.Equal(held.RunId, (await Ledger.FindResumePlanAsync(library.Id, attempt.Claim.RunId, default))!.ResumedFrom);
    }

    [Fact]
    public async Task HeartbeatsListEveryNodeAndOneThatStoppedIsGone()
    {
        await Database.Nodes.HeartbeatAsync("node-b", Start, "1.2.3", [2, 3], default);
        await Database.Nodes.HeartbeatAsync("node-a", Start.AddMinutes(1), "1.2.3", [], default);
        await Database.Nodes.HeartbeatAsync("node-a", Start.AddMinutes(2), "1.2.4", [1], default);

        var nodes = await Database.Nodes.ListAsync(TimeSpan.FromMinutes(1), default);

        Assert.Equal(["node-a", "node-b"], nodes.Select(n => n.Name));
        Assert.Equal((Start.AddMinutes(2), "1.2.4", true), (nodes[0].StartedAt, nodes[0].Version, nodes[0].Alive));
        Assert.Equal([1], nodes[0].Serves);
        Assert.Equal([2, 3], nodes[1].Serves);
        Assert.InRange(nodes[0].LastHeartbeatAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await Database.Nodes.ListAsync(TimeSpan.FromMilliseconds(300), timeout.Token)).Any(n => n.Alive))
        {
            await Task.Delay(50, timeout.Token);
        }

        await Database.Nodes.HeartbeatAsync("node-b", Start, "1.2.3", [], default);
        Assert.Equal([false, true], (await Database.Nodes.ListAsync(TimeSpan.FromMilliseconds(300), default)).Select(n => n.Alive));
    }
}
