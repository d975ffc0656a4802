using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Nomarr.Cli.Hosting;
using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Scanning;
using Nomarr.IntegrationTests.Infrastructure;
using Nomarr.Persistence;
using Nomarr.Services.Status;
using Nomarr.Services.Scanning;
using Nomarr.Services;
using Nomarr.Workflows.Scanning;

namespace Nomarr.IntegrationTests.Scanning;

public sealed class InterruptedScanTests : LibraryTest
{
    [Fact]
    public async Task AScanResumesTheRecordedTargetsOfAnInterruptedTargetedScan()
    {
        Disk.AddTrack("Rock/a.mp3");
        Disk.AddTrack("Jazz/b.mp3");
        Disk.AddTrack("Pop/c.mp3");
        var library = await App.Libraries.AddAsync(Disk.Root, "Test", watch: false, default);
        var interrupted = await LeaveInterruptedScanAsync(library, ["Rock"], full: false);

        var result = await App.Scans.ScanAsync([new ScanTarget(library.Id, "Jazz")], allowMassMissing: false, null, default);

        Assert.Equal(interrupted, result.ResumedFrom);
        Assert.Equal(["Jazz", "Rock"], result.Targets);
        Assert.Equal(2, result.FilesAdded);
        Assert.Equal(ScanRunStatus.Resumed, (await App.History.GetAsync(interrupted, default))?.Status);
        Assert.Equal(LibraryScanState.Idle, await App.History.StateOfAsync(library.Id, default));
    }

    [Fact]
    public async Task AnInterruptedFullScanIsRunAgainInFull()
    {
        Disk.AddTrack("Rock/a.mp3");
        Disk.AddTrack("Jazz/b.mp3");
        var library = await App.Libraries.AddAsync(Disk.Root, "Test", watch: false, default);
        var interrupted = await LeaveInterruptedScanAsync(library, [""], full: true);

        var result = await App.Scans.ScanAsync([new ScanTarget(library.Id, "Jazz")], allowMassMissing: false, null, default);

        Assert.Equal(interrupted, result.ResumedFrom);
        Assert.True(result.FullScan);
        Assert.Equal(2, result.FilesAdded);
    }

    [Fact]
    public async Task AnInterruptedTargetedScanIsResumedOnItsFoldersOnce()
    {
        Disk.AddTrack("Rock/a.mp3");
        Disk.AddTrack("Jazz/b.mp3");
        var library = await App.Libraries.AddAsync(Disk.Root, "Test", watch: false, default);
        var interrupted = await LeaveInterruptedScanAsync(library, ["Rock"], full: false);

        // What the service does at start-up: the interrupted scan's folders, scanned like any request.
        var targets = await App.History.InterruptedTargetsAsync(library.Id, default);
        Assert.NotNull(targets);
        var result = await App.Scans.ScanAsync(targets, allowMassMissing: false, null, default);
        var again = await App.History.InterruptedTargetsAsync(library.Id, default);

        Assert.Equal(interrupted, result.ResumedFrom);
        Assert.Equal(["Rock"], result.Targets);
        Assert.Null(again);
    }

    [Fact]
    public async Task StartingTheServiceHostResumesAnInterruptedScan()
    {
        Disk.AddTrack("Rock/a.mp3");
        Disk.AddTrack("Jazz/b.mp3");
        var library = await App.Libraries.AddAsync(Disk.Root, "Test", watch: false, default);
        var interrupted = await LeaveInterruptedScanAsync(library, ["Rock"], full: false);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Path"] = App.DatabasePath });
        builder.AddNomarrDatabase();
        builder.AddNomarrServices();
        builder.AddNomarrBackgroundScans();
        using var service = builder.Build();

        // The resumer queues the interrupted scan; the scan queue runs it.
        var completed = new TaskCompletionSource<ScanCompletedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        service.Services.GetRequiredService<ScanOutcomePublisher>().ScanCompleted += (_, e) => completed.TrySetResult(e);
        await service.StartAsync();
        var done = await completed.Task.WaitAsync(TimeSpan.FromMinutes(1));
        await service.StopAsync();

        Assert.Null(done.Error);
        Assert.Equal(interrupted, done.Result?.ResumedFrom);

        Assert.Equal(ScanRunStatus.Resumed, (await App.History.GetAsync(interrupted, default))?.Status);
        Assert.Equal(["Rock/a.mp3"], (await App.Files.QueryAsync(new FileQuery(library.Id), default)).Items.Select(f => f.Path));
    }

    [Fact]
    public async Task TheHistoryShowsARunWhoseProcessDiedAsInterrupted()
    {
        var library = await App.Libraries.AddAsync(Disk.Root, "Test", watch: false, default);
        var interrupted = await LeaveInterruptedScanAsync(library, [""], full: true);

        var listed = Assert.Single(await App.History.ListAsync(library.Id, 10, default));

        Assert.Equal(interrupted, listed.Id);
        Assert.Equal(ScanRunStatus.Interrupted, listed.Status);
    }

    [Fact]
    public async Task AScanWithNothingInterruptedReportsNoResume()
    {
        Disk.AddTrack("Rock/a.mp3");
        var library = await App.Libraries.AddAsync(Disk.Root, "Test", watch: false, default);

        var first = await App.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);

        Assert.Null(first.ResumedFrom);
        Assert.Null(await App.History.InterruptedTargetsAsync(library.Id, default));
    }

    [Fact]
    public async Task ARunOfAKilledProcessOfThisMachineIsListedInterruptedAtOnceAsItsLibraryIs()
    {
        var library = await App.Libraries.AddAsync(Disk.Root, "Test", watch: false, default);
        var here = App.Services.GetRequiredService<ScanOwner>();
        var killed = LeaseOwners.For(here.Node, Environment.MachineName, ExitedProcessId(), "killed");
        var claim = (await App.Ledger.TryStartAsync(library.Id, [""], killed, TimeSpan.FromMinutes(5), null, DateTimeOffset.UtcNow, default)).Claim!;

        var listed = Assert.Single(await App.History.ListAsync(library.Id, 10, default));
        var shown = await App.History.GetAsync(claim.RunId, default);

        Assert.Equal(LibraryScanState.Interrupted, await App.History.StateOfAsync(library.Id, default));
        Assert.Equal((claim.RunId, ScanRunStatus.Interrupted), (listed.Id, listed.Status));
        Assert.Equal(ScanRunStatus.Interrupted, shown?.Status);
        Assert.Equal(ScanRunStatus.Running, (await App.Ledger.GetAsync(claim.RunId, default))?.Status);
        Assert.Equal(CancelOutcome.AlreadyFinished, await App.Services.GetRequiredService<ScanIntake>().CancelAsync(claim.RunId, default));
    }

    private static int ExitedProcessId()
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }

    /// <summary>What a process killed mid-scan leaves behind: a running run whose lease has lapsed on the database's clock.</summary>
    private async Task<long> LeaveInterruptedScanAsync(Library library, string[] targets, bool full)
    {
        var now = DateTimeOffset.UnixEpoch.AddYears(56);
        var claim = (await App.Ledger.TryStartAsync(library.Id, full ? [""] : targets, "gone:1:x", TimeSpan.FromMilliseconds(1), null, now, default)).Claim!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await App.History.StateOfAsync(library.Id, timeout.Token) != LibraryScanState.Interrupted)
        {
            await Task.Yield();
        }

        return claim.RunId;
    }
}
