using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Scanning;
using Nomarr.Persistence;

namespace Nomarr.IntegrationTests.Persistence.Contracts;

/// <summary>
/// What every engine's <see cref="IScanLedger"/> does: one queued run per library, claims that exclude
/// each other across connections, leases on the database's clock, fencing, and endings that record
/// everything at once.
/// </summary>
public abstract class ScanLedgerContract(IContractEngine engine) : PortContract(engine)
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(200);

    private IScanLedger Ledger => Database.Ledger;

    [Fact]
    public async Task RequestsJoinTheLibrarysSingleQueuedRun()
    {
        var library = await AddLibraryAsync();
        var other = await AddLibraryAsync();

        var first = await Ledger.RequestAsync(library.Id, ["Rock"], Start, default);
        var second = await Ledger.RequestAsync(library.Id, ["Jazz", "Rock/Sub"], Start.AddSeconds(1), default);
        var elsewhere = await Ledger.RequestAsync(other.Id, [""], Start, default);

        Assert.Equal(first.RunId, second.RunId);
        Assert.NotEqual(first.RunId, elsewhere.RunId);
        Assert.Equal(["Jazz", "Rock"], second.Folders);
        var run = (await Ledger.GetAsync(first.RunId, default))!;
        Assert.Equal((ScanRunStatus.Queued, false), (run.Status, run.FullScan));
        Assert.Equal(["Jazz", "Rock"], run.Targets);
        Assert.True((await Ledger.GetAsync(elsewhere.RunId, default))!.FullScan);
    }

    [Fact]
    public async Task ConcurrentRequestsMakeOneQueuedRun()
    {
        var library = await AddLibraryAsync();

        var receipts = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => Ledger.RequestAsync(library.Id, [$"F{i}"], Start, default))));

        Assert.Single(receipts.Select(r => r.RunId).Distinct());
        Assert.Equal(8, (await Ledger.GetAsync(receipts[0].RunId, default))!.Targets.Count);
    }

    [Fact]
    public async Task AClaimTakesTheQueuedRunWithEverythingWaitingAndTheLease()
    {
        var library = await AddLibraryAsync();
        var queued = await Ledger.RequestAsync(library.Id, ["Rock"], Start, default);
        await Ledger.RequestAsync(library.Id, ["Jazz"], Start, default);

        var attempt = await Ledger.TryClaimAsync(library.Id, "a", Long, null, Start.AddSeconds(1), default);

        var claim = Assert.IsType<ScanClaim>(attempt.Claim);
        Assert.Equal((queued.RunId, library.Id, "a"), (claim.RunId, claim.LibraryId, claim.Owner));
        Assert.Equal(["Jazz", "Rock"], claim.Folders);
        var run = (await Ledger.GetAsync(claim.RunId, default))!;
        Assert.Equal((ScanRunStatus.Running, Start.AddSeconds(1)), (run.Status, run.StartedAt));
        var facts = Assert.Single(await Ledger.GetFactsAsync(library.Id, default));
        Assert.Equal(new LibraryScanFacts(library.Id, null, claim.RunId, "a", false), facts);
        Assert.Equal(Start.AddSeconds(1), (await Database.Libraries.GetAsync(library.Id, default))!.LastScanStartedAt);
    }

    [Fact]
    public async Task NothingIsClaimedWhenNothingWaits()
    {
        var library = await AddLibraryAsync();

        Assert.Equal(ClaimAttempt.Nothing, await Ledger.TryClaimAsync(library.Id, "a", Long, null, Start, default));
    }

    [Fact]
    public async Task TwoClaimsAtOnceExactlyOneWins()
    {
        var library = await AddLibraryAsync();
        await Ledger.RequestAsync(library.Id, [""], Start, default);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => Ledger.TryClaimAsync(library.Id, $"owner-{i}", Long, null, Start, default))));

        var winner = Assert.Single(attempts, a => a.Claim is not null);
        Assert.All(attempts.Where(a => a != winner), a => Assert.Equal(winner.Claim!.Owner, a.Holder));
    }

    [Fact]
    public async Task TwoStartsAtOnceExactlyOneWinsAndTheLoserRecordsNothing()
    {
        var library = await AddLibraryAsync();

        var attempts = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => Ledger.TryStartAsync(library.Id, [""], $"owner-{i}", Long, null, Start, default))));

        Assert.Single(attempts, a => a.Claim is not null);
        Assert.Single(await Ledger.ListAsync(library.Id, 10, default));
    }

    [Fact]
    public async Task AStartLeavesTheQueueAlone()
    {
        var library = await AddLibraryAsync();
        var queued = await Ledger.RequestAsync(library.Id, ["Rock"], Start, default);

        var started = (await Ledger.TryStartAsync(library.Id, ["Jazz"], "a", Long, null, Start, default)).Claim!;
        await Ledger.CompleteAsync(started, Result(started), null, Start, default);

        Assert.Equal(ScanRunStatus.Queued, (await Ledger.GetAsync(queued.RunId, default))!.Status);
        Assert.Equal(["Rock"], (await Database.Pending.GetAsync(library.Id, default))!.Folders);
    }

    [Fact]
    public async Task ALiveLeaseRefusesEveryOtherClaimOfTheLibraryOnly()
    {
        var library = await AddLibraryAsync();
        var other = await AddLibraryAsync();
        await Ledger.TryStartAsync(library.Id, [""], "a", Long, null, Start, default);
        await Ledger.RequestAsync(library.Id, ["Rock"], Start, default);

        var same = await Ledger.TryStartAsync(library.Id, [""], "a", Long, null, Start, default);
        var queued = await Ledger.TryClaimAsync(library.Id, "b", Long, null, Start, default);
        var elsewhere = await Ledger.TryStartAsync(other.Id, [""], "b", Long, null, Start, default);

        Assert.Equal(new ClaimAttempt(null, "a"), same);
        Assert.Equal(new ClaimAttempt(null, "a"), queued);
        Assert.NotNull(elsewhere.Claim);
    }

    [Fact]
    public async Task ARenewalKeepsTheLeaseAndARenewalAfterExpiryLoses()
    {
        var library = await AddLibraryAsync();
        var kept = (await Ledger.TryStartAsync(library.Id, [""], "a", Long, null, Start, default)).Claim!;
        var other = await AddLibraryAsync();
        var lapsing = (await Ledger.TryStartAsync(other.Id, [""], "a", Short, null, Start, default)).Claim!;

        Assert.True(await Ledger.RenewAsync(kept, Long, default));
        await WaitUntilLapsedAsync(other.Id);

        Assert.False(await Ledger.RenewAsync(lapsing, Long, default));
        Assert.True(await Ledger.RenewAsync(kept, Long, default));
    }

    [Fact]
    public async Task ALapsedLeaseIsTakenOverAndTheOldHolderCanNeitherWriteNorComplete()
    {
        var library = await AddLibraryAsync();
        var old = (await Ledger.TryStartAsync(library.Id, ["Rock"], "a", Short, null, Start, default)).Claim!;
        await WaitUntilLapsedAsync(library.Id);

        var taken = (await Ledger.TryStartAsync(library.Id, ["Rock"], "b", Long, null, Start, default)).Claim!;

        Assert.True(taken.Token > old.Token);
        await Assert.ThrowsAsync<LeaseLostException>(() => Ledger.CompleteAsync(old, Result(old), 1, Start, default));
        await Assert.ThrowsAsync<LeaseLostException>(() => Database.Files.UpsertBatchAsync(old, [Record("a.mp3")], Start, default));
        Assert.False(await Ledger.InterruptAsync(old, "late", Start, default));
        var oldRun = (await Ledger.GetAsync(old.RunId, default))!;
        Assert.Equal(ScanRunStatus.Interrupted, oldRun.Status);
        Assert.Contains("expired", oldRun.Error, StringComparison.Ordinal);

        await Database.Files.UpsertBatchAsync(taken, [Record("Rock/b.mp3")], Start, default);
        await Ledger.CompleteAsync(taken, Result(taken), 7, Start, default);
        Assert.Equal(ScanRunStatus.Completed, (await Ledger.GetAsync(taken.RunId, default))!.Status);
        Assert.Equal(["Rock/b.mp3"], (await Database.Files.QueryAsync(new FileQuery(library.Id), default)).Items.Select(f => f.Path));
    }

    [Fact]
    public async Task ALiveLeaseOfAKnownDeadHolderIsTakenOverAtOnce()
    {
        var library = await AddLibraryAsync();
        var dead = (await Ledger.TryStartAsync(library.Id, ["Rock"], "dead", Long, null, Start, default)).Claim!;

        var refused = await Ledger.TryStartAsync(library.Id, [""], "b", Long, "someone-else", Start, default);
        var taken = await Ledger.TryStartAsync(library.Id, [""], "b", Long, "dead", Start, default);

        Assert.Equal("dead", refused.Holder);
        Assert.NotNull(taken.Claim);
        Assert.Equal(ScanRunStatus.Interrupted, (await Ledger.GetAsync(dead.RunId, default))!.Status);
    }

    [Fact]
    public async Task ARunningRunWhoseLeaseLapsedIsReportedInterrupted()
    {
        var library = await AddLibraryAsync();
        var claim = (await Ledger.TryStartAsync(library.Id, ["Rock"], "a", Short, null, Start, default)).Claim!;
        await WaitUntilLapsedAsync(library.Id);

        Assert.Equal(ScanRunStatus.Interrupted, (await Ledger.GetAsync(claim.RunId, default))!.Status);
        Assert.Equal(ScanRunStatus.Interrupted, Assert.Single(await Ledger.ListAsync(library.Id, 5, default)).Status);
        Assert.Equal(new LibraryScanFacts(library.Id, null, null, null, true), Assert.Single(await Ledger.GetFactsAsync(library.Id, default)));
    }

    [Fact]
    public async Task CompletionRecordsTheResultTheLibraryAndTheRequestsItCoveredAtOnce()
    {
        var library = await AddLibraryAsync();
        await Ledger.RequestAsync(library.Id, ["Rock"], Start, default);
        var claim = (await Ledger.TryClaimAsync(library.Id, "a", Long, null, Start, default)).Claim!;
        var newer = await Ledger.RequestAsync(library.Id, ["Jazz"], Start.AddSeconds(1), default);

        await Ledger.CompleteAsync(claim, Result(claim) with { FilesAdded = 3 }, 2049, Start.AddSeconds(2), default);

        var run = (await Ledger.GetAsync(claim.RunId, default))!;
        Assert.Equal((ScanRunStatus.Completed, 3, Start.AddSeconds(2)), (run.Status, run.Result?.FilesAdded, run.FinishedAt));
        var stored = (await Database.Libraries.GetAsync(library.Id, default))!;
        Assert.Equal((Start.AddSeconds(2), 2049L, false), (stored.LastScanAt, stored.RootDevice, stored.FullScanInProgress));
        Assert.Equal(["Jazz"], (await Database.Pending.GetAsync(library.Id, default))!.Folders);
        Assert.Equal(new LibraryScanFacts(library.Id, newer.RunId, null, null, false), Assert.Single(await Ledger.GetFactsAsync(library.Id, default)));
        Assert.NotEqual(claim.RunId, newer.RunId);
    }

    [Fact]
    public async Task AnEndedClaimIsReleasedAndCannotEndAgain()
    {
        var library = await AddLibraryAsync();
        var claim = (await Ledger.TryStartAsync(library.Id, [""], "a", Long, null, Start, default)).Claim!;

        Assert.True(await Ledger.CancelAsync(claim, Start, default));

        Assert.False(await Ledger.FailAsync(claim, "late", Start, default));
        await Assert.ThrowsAsync<LeaseLostException>(() => Ledger.CompleteAsync(claim, Result(claim), null, Start, default));
        Assert.Equal(ScanRunStatus.Cancelled, (await Ledger.GetAsync(claim.RunId, default))!.Status);
        Assert.NotNull((await Ledger.TryStartAsync(library.Id, [""], "b", Long, null, Start, default)).Claim);
    }

    [Theory]
    [InlineData("interrupt", ScanRunStatus.Interrupted, true)]
    [InlineData("cancel", ScanRunStatus.Cancelled, false)]
    [InlineData("fail", ScanRunStatus.Failed, false)]
    public async Task AnInterruptedRunKeepsItsRequestsWaitingACancelledOrFailedOneDropsThem(string ending, ScanRunStatus status, bool keepsWaiting)
    {
        var library = await AddLibraryAsync();
        await Ledger.RequestAsync(library.Id, ["Rock"], Start, default);
        var claim = (await Ledger.TryClaimAsync(library.Id, "a", Long, null, Start, default)).Claim!;

        var ended = ending switch
        {
            "interrupt" => await Ledger.InterruptAsync(claim, "a shutdown", Start, default),
            "cancel" => await Ledger.CancelAsync(claim, Start, default),
            _ => await Ledger.FailAsync(claim, "disk on fire", Start, default),
        };

        Assert.True(ended);
        var run = (await Ledger.GetAsync(claim.RunId, default))!;
        Assert.Equal(status, run.Status);
        Assert.NotNull(run.Error);
        Assert.Equal(keepsWaiting, await Database.Pending.GetAsync(library.Id, default) is not null);
        Assert.True(Assert.Single(await Ledger.GetFactsAsync(library.Id, default)).HasUnfinished);
    }

    [Fact]
    public async Task CancellingTheQueuedRunDropsEverythingWaitingUnderIt()
    {
        var library = await AddLibraryAsync();
        var queued = await Ledger.RequestAsync(library.Id, ["Rock", "Jazz"], Start, default);

        Assert.True(await Ledger.CancelQueuedAsync(queued.RunId, Start, default));
        Assert.False(await Ledger.CancelQueuedAsync(queued.RunId, Start, default));

        Assert.Equal(ScanRunStatus.Cancelled, (await Ledger.GetAsync(queued.RunId, default))!.Status);
        Assert.Null(await Database.Pending.GetAsync(library.Id, default));
        Assert.Equal(ClaimAttempt.Nothing, await Ledger.TryClaimAsync(library.Id, "a", Long, null, Start, default));
    }

    [Fact]
    public async Task TheResumePlanHoldsTheRunsSinceTheLastCompletedOneAndACompletionResumesThem()
    {
        var library = await AddLibraryAsync();
        var before = (await Ledger.TryStartAsync(library.Id, ["Old"], "a", Long, null, Start, default)).Claim!;
        await Ledger.CancelAsync(before, Start, default);
        var done = (await Ledger.TryStartAsync(library.Id, [""], "a", Long, null, Start, default)).Claim!;
        await Ledger.CompleteAsync(done, Result(done), null, Start, default);
        Assert.Null(await Ledger.FindResumePlanAsync(library.Id, null, default));

        var cancelled = (await Ledger.TryStartAsync(library.Id, ["Rock"], "a", Long, null, Start, default)).Claim!;
        await Ledger.CancelAsync(cancelled, Start, default);
        var failed = (await Ledger.TryStartAsync(library.Id, ["Jazz", "Rock/Sub"], "a", Long, null, Start, default)).Claim!;
        await Ledger.FailAsync(failed, "x", Start, default);
        var resuming = (await Ledger.TryStartAsync(library.Id, ["Pop"], "a", Long, null, Start, default)).Claim!;

        var plan = await Ledger.FindResumePlanAsync(library.Id, resuming.RunId, default);

        Assert.Equal(new[] { cancelled.RunId, failed.RunId }, plan!.RunIds);
        Assert.Equal(failed.RunId, plan.ResumedFrom);
        Assert.Equal(["Jazz", "Rock"], plan.Folders);
        await Ledger.CompleteAsync(resuming, Result(resuming) with { ResumedFrom = plan.ResumedFrom }, null, Start, default);
        Assert.Equal(ScanRunStatus.Resumed, (await Ledger.GetAsync(cancelled.RunId, default))!.Status);
        Assert.Equal(ScanRunStatus.Resumed, (await Ledger.GetAsync(failed.RunId, default))!.Status);
        Assert.Equal(ScanRunStatus.Cancelled, (await Ledger.GetAsync(before.RunId, default))!.Status);
        Assert.Null(await Ledger.FindResumePlanAsync(library.Id, null, default));
    }

    [Fact]
    public async Task RunsAreListedNewestFirstPerLibraryOrAll()
    {
        var library = await AddLibraryAsync();
        var other = await AddLibraryAsync();
        var first = await Ledger.RequestAsync(library.Id, ["A"], Start, default);
        var second = await Ledger.RequestAsync(other.Id, ["B"], Start, default);

        Assert.Equal([second.RunId, first.RunId], (await Ledger.ListAsync(null, 10, default)).Select(r => r.Id));
        Assert.Equal([first.RunId], (await Ledger.ListAsync(library.Id, 10, default)).Select(r => r.Id));
        Assert.Single(await Ledger.ListAsync(null, 1, default));
        Assert.Null(await Ledger.GetAsync(second.RunId + 100, default));
    }

    private static ScanResult Result(ScanClaim claim) => new() { ScanId = claim.RunId, LibraryId = claim.LibraryId, Targets = claim.Folders };

    /// <summary>Waits for the library's lease to lapse on the database's clock (the ledger no longer reports a live scan).</summary>
    private async Task WaitUntilLapsedAsync(long libraryId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await Ledger.GetFactsAsync(libraryId, timeout.Token))[0].RunningRunId is not null)
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
