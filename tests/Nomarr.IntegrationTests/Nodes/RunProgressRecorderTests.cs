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
        await WaitForRecordedAsync(claim, 10);

        // The write's own end (its flag) follows the row by a moment.
        await Task.Delay(200);
        recorder.Report(Progress(claim, 20));
        time.Advance(TimeSpan.FromMilliseconds(999));
        recorder.Report(Progress(claim, 30));
        await Task.Delay(200);
        Assert.Equal(10, (await _host.Ledger.GetAsync(claim.RunId, default))!.Progress!.FilesWritten);
        time.Advance(TimeSpan.FromMilliseconds(1));
        recorder.Report(Progress(claim, 40));
        await WaitForRecordedAsync(claim, 40);
        recorder.Report(Progress(claim, 50) with { Phase = ScanPhase.Finished });

        Assert.Equal([10, 20, 30, 40, 50], passedOn.Select(p => p.FilesWritten));
        Assert.Equal(40, (await _host.Ledger.GetAsync(claim.RunId, default))!.Progress!.FilesWritten);
    }

    private static ScanProgress Progress(ScanClaim claim, int written) =>
        new(claim.RunId, claim.LibraryId, ScanPhase.Writing, 100, 100, written, written, written / 10, 10, "A");

    private async Task WaitForRecordedAsync(ScanClaim claim, int written)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await _host.Ledger.GetAsync(claim.RunId, timeout.Token))!.Progress?.FilesWritten != written)
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
