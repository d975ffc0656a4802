using Microsoft.Extensions.Time.Testing;
using Nomarr.Helpers.Scanning;
using Nomarr.IntegrationTests.Infrastructure;
using Nomarr.Persistence;
using Nomarr.Workflows.Scanning;

namespace Nomarr.IntegrationTests.Nodes;

/// <summary>A running scan's progress reaches its run row at most once a second (fake time), and every report still reaches the page's publisher.</summary>
public sealed class RunProgressRecorderTests : IDisposable
{
    private readonly NomarrTestHost _host = new();
    private readonly TempLibrary _disk = new();

    public void Dispose()
    {
        _host.Dispose();
        _disk.Dispose();
    }

    [Fact]
    public async Task ProgressIsRecordedOnTheRunAtMostOnceASecondAndPassedOnEveryTime()
    {
        var library = await _host.Libraries.AddAsync(_disk.Root, null, watch: false, default);
        var claim = await _host.ClaimAsync(library.Id);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var passedOn = new List<ScanProgress>();
        var recorder = new RunProgressRecorder(_host.Ledger, claim, new CallbackProgress(passedOn.Add), time);

        recorder.Report(Progress(claim, 10));
        var first = recorder.LastWrite;
        await first.WaitAsync(WatchedHost.Patience);
        Assert.Equal(10, await RecordedAsync(claim));

        recorder.Report(Progress(claim, 20));
        time.Advance(TimeSpan.FromMilliseconds(999));
        recorder.Report(Progress(claim, 30));

        // Within the second, no write was even started.
        Assert.Same(first, recorder.LastWrite);
        Assert.Equal(10, await RecordedAsync(claim));
        time.Advance(TimeSpan.FromMilliseconds(1));
        recorder.Report(Progress(claim, 40));
        var second = recorder.LastWrite;
        await second.WaitAsync(WatchedHost.Patience);
        recorder.Report(Progress(claim, 50) with { Phase = ScanPhase.Finished });

        Assert.NotSame(first, second);
        Assert.Same(second, recorder.LastWrite);
        Assert.Equal([10, 20, 30, 40, 50], passedOn.Select(p => p.FilesWritten));
        Assert.Equal(40, await RecordedAsync(claim));
    }

    private static ScanProgress Progress(ScanClaim claim, int written) =>
        new(claim.RunId, claim.LibraryId, ScanPhase.Writing, 100, 100, written, written, written / 10, 10, "A");

    private async Task<int?> RecordedAsync(ScanClaim claim) => (await _host.Ledger.GetAsync(claim.RunId, default))!.Progress?.FilesWritten;
}
