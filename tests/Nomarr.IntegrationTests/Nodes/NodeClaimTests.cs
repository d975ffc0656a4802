using Microsoft.Extensions.DependencyInjection;
using Nomarr.Helpers.Errors;
using Nomarr.Helpers.Scanning;
using Nomarr.IntegrationTests.Infrastructure;
using Nomarr.Persistence;
using Nomarr.Services.Nodes;

namespace Nomarr.IntegrationTests.Nodes;

/// <summary>Which libraries a node's workers claim: the real services of two nodes on one SQLite file.</summary>
public sealed class NodeClaimTests : IDisposable
{
    private readonly TempLibrary _disk = new();
    private readonly NomarrTestHost _a = new(new Dictionary<string, string?> { ["Node:Name"] = "node-a" });
    private readonly NomarrTestHost _b;

    public NodeClaimTests() => _b = new NomarrTestHost(new Dictionary<string, string?> { ["Node:Name"] = "node-b" }, databasePath: _a.DatabasePath);

    public void Dispose()
    {
        _b.Dispose();
        _a.Dispose();
        _disk.Dispose();
    }

    [Fact]
    public async Task APinnedLibraryIsClaimedByItsNodeAndTheOtherLeavesItQueued()
    {
        _disk.AddTrack("A/1.mp3");
        var library = await _a.Libraries.AddAsync(_disk.Root, null, watch: false, default);
        var pinned = await _a.Services.GetRequiredService<NodeService>().PinAsync(library.Id, "node-b", default);
        Assert.Equal("node-b", pinned.Node);
        var queued = await _a.Ledger.RequestAsync(library.Id, [""], DateTimeOffset.UtcNow, default);

        Assert.Null(await _a.Scans.ClaimQueuedAsync(library.Id, default));
        Assert.Equal(ScanRunStatus.Queued, (await _a.Ledger.GetAsync(queued.RunId, default))!.Status);

        var claim = await _b.Scans.ClaimQueuedAsync(library.Id, default);
        Assert.Equal(queued.RunId, claim!.RunId);
        Assert.StartsWith("node-b@", claim.Owner, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnpinnedLibraryWhoseRootIsNotHereIsLeftToAnAliveNodeThatSeesItAndClaimedWhenNoneDoes()
    {
        _disk.AddTrack("A/1.mp3");
        var library = await _a.Libraries.AddAsync(_disk.Root, null, watch: false, default);
        await _a.Ledger.RequestAsync(library.Id, [""], DateTimeOffset.UtcNow, default);
        var nodeB = _b.Services.GetRequiredService<NodeService>();
        Assert.Equal([library.Id], await nodeB.ServedHereAsync(default));

        // The root is gone from this machine; node-b said a moment ago that it sees it.
        Directory.Move(_disk.Root, _disk.Root + ".away");
        try
        {
            await _b.Services.GetRequiredService<INodeRegistry>().HeartbeatAsync("node-b", DateTimeOffset.UtcNow, "1", [library.Id], default);
            Assert.Null(await _a.Scans.ClaimQueuedAsync(library.Id, default));

            // node-b says it no longer sees it: node-a claims, and the scan fails with the root's error as with one node.
            await _b.Services.GetRequiredService<INodeRegistry>().HeartbeatAsync("node-b", DateTimeOffset.UtcNow, "1", [], default);
            var claim = await _a.Scans.ClaimQueuedAsync(library.Id, default);
            Assert.NotNull(claim);
            using var cancel = new CancellationTokenSource();
            await Assert.ThrowsAnyAsync<InvalidLibraryRootException>(() => _a.Scans.RunClaimedAsync(claim, cancel, default, null));
            Assert.Equal(ScanRunStatus.Failed, (await _a.Ledger.GetAsync(claim.RunId, default))!.Status);
        }
        finally
        {
            Directory.Move(_disk.Root + ".away", _disk.Root);
        }
    }
}
