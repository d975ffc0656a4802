using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Scanning;
using Nomarr.IntegrationTests.Infrastructure;
using Nomarr.Services.Scanning;
using Nomarr.Services;

namespace Nomarr.IntegrationTests.Scanning;

public sealed class InterruptedScanTests : IDisposable
{
    private readonly TempLibrary _disk = new();
    private readonly NomarrTestHost _host = new();

    public void Dispose()
    {
        _host.Dispose();
        _disk.Dispose();
    }

    [Fact]
    public async Task AScanResumesTheRecordedTargetsOfAnInterruptedTargetedScan()
    {
        _disk.AddTrack("Rock/a.mp3");
        _disk.AddTrack("Jazz/b.mp3");
        _disk.AddTrack("Pop/c.mp3");
        var library = await _host.Libraries.AddLibraryAsync(_disk.Root, "Test", watch: false, default);
        var interrupted = await LeaveInterruptedScanAsync(library, ["Rock"], full: false);

        var result = await _host.Libraries.ScanTargetsAsync([new ScanTarget(library.Id, "Jazz")], null, default);

        Assert.Equal(interrupted, result.ResumedFrom);
        Assert.Equal(["Jazz", "Rock"], result.Targets);
        Assert.Equal(2, result.FilesAdded);
        Assert.Equal(ScanRunStatus.Resumed, (await _host.Libraries.GetScanAsync(interrupted, default))?.Status);
        Assert.False((await _host.Libraries.CheckInterruptedScanAsync(library.Id, default)).WasInterrupted);
    }

    [Fact]
    public async Task AnInterruptedFullScanIsRunAgainInFull()
    {
        _disk.AddTrack("Rock/a.mp3");
        _disk.AddTrack("Jazz/b.mp3");
        var library = await _host.Libraries.AddLibraryAsync(_disk.Root, "Test", watch: false, default);
        var interrupted = await LeaveInterruptedScanAsync(library, [""], full: true);

        var result = await _host.Libraries.ScanTargetsAsync([new ScanTarget(library.Id, "Jazz")], null, default);

        Assert.Equal(interrupted, result.ResumedFrom);
        Assert.True(result.FullScan);
        Assert.Equal(2, result.FilesAdded);
    }

    [Fact]
    public async Task TheServiceStartResumesAnInterruptedScanOnItsOwn()
    {
        _disk.AddTrack("Rock/a.mp3");
        _disk.AddTrack("Jazz/b.mp3");
        var library = await _host.Libraries.AddLibraryAsync(_disk.Root, "Test", watch: false, default);
        var interrupted = await LeaveInterruptedScanAsync(library, ["Rock"], full: false);

        var result = await _host.Libraries.ResumeInterruptedScanAsync(library.Id, default);
        var again = await _host.Libraries.ResumeInterruptedScanAsync(library.Id, default);

        Assert.NotNull(result);
        Assert.Equal(interrupted, result.ResumedFrom);
        Assert.Equal(["Rock"], result.Targets);
        Assert.Null(again);
    }

    [Fact]
    public async Task StartingTheServiceHostResumesAnInterruptedScan()
    {
        _disk.AddTrack("Rock/a.mp3");
        _disk.AddTrack("Jazz/b.mp3");
        var library = await _host.Libraries.AddLibraryAsync(_disk.Root, "Test", watch: false, default);
        var interrupted = await LeaveInterruptedScanAsync(library, ["Rock"], full: false);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Path"] = _host.DatabasePath });
        builder.AddNomarrServices();
        builder.AddNomarrBackgroundScans();
        using var service = builder.Build();

        // The resumer queues the interrupted scan; the scan queue runs it.
        var completed = new TaskCompletionSource<ScanCompletedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        service.Services.GetRequiredService<ScanScheduler>().ScanCompleted += (_, e) => completed.TrySetResult(e);
        await service.StartAsync();
        var done = await completed.Task.WaitAsync(TimeSpan.FromMinutes(1));
        await service.StopAsync();

        Assert.Null(done.Error);
        Assert.Equal(interrupted, done.Result?.ResumedFrom);

        Assert.Equal(ScanRunStatus.Resumed, (await _host.Libraries.GetScanAsync(interrupted, default))?.Status);
        Assert.Equal(["Rock/a.mp3"], (await _host.Libraries.QueryFilesAsync(new FileQuery(library.Id), default)).Items.Select(f => f.Path));
    }

    [Fact]
    public async Task TheHistoryShowsARunWhoseProcessDiedAsInterrupted()
    {
        var library = await _host.Libraries.AddLibraryAsync(_disk.Root, "Test", watch: false, default);
        var interrupted = await LeaveInterruptedScanAsync(library, [""], full: true);

        var listed = Assert.Single(await _host.Libraries.ListScansAsync(library.Id, 10, default));

        Assert.Equal(interrupted, listed.Id);
        Assert.Equal(ScanRunStatus.Interrupted, listed.Status);
    }

    [Fact]
    public async Task AScanWithNothingInterruptedReportsNoResume()
    {
        _disk.AddTrack("Rock/a.mp3");
        var library = await _host.Libraries.AddLibraryAsync(_disk.Root, "Test", watch: false, default);

        var first = await _host.Libraries.StartScanForLibraryAsync(library.Id, null, default);

        Assert.Null(first.ResumedFrom);
        Assert.Null(await _host.Libraries.ResumeInterruptedScanAsync(library.Id, default));
    }

    /// <summary>What a process killed mid-scan leaves behind: a recorded run and a started library, no completion, no lease.</summary>
    private async Task<long> LeaveInterruptedScanAsync(Library library, string[] targets, bool full)
    {
        var now = DateTimeOffset.UnixEpoch.AddYears(56);
        var id = await _host.ScanRuns.StartAsync(library.Id, targets, full, now, default);
        await _host.LibraryRepository.MarkScanStartedAsync(library.Id, full, now, default);
        return id;
    }
}
