using Nomarr.Helpers.Errors;
using Nomarr.Helpers.Scanning;
using Nomarr.IntegrationTests.Infrastructure;

namespace Nomarr.IntegrationTests.Scanning;

/// <summary>One scan per library at a time, in this process or across processes sharing the database.</summary>
public sealed class ScanExclusionTests : LibraryTest
{
    [Fact]
    public async Task ASecondScanOfTheSameLibraryIsRefusedWhileTheFirstRuns()
    {
        for (var i = 0; i < 40; i++)
        {
            Disk.AddTrack($"A/{i}.mp3");
        }

        var library = await App.Libraries.AddAsync(Disk.Root, null, false, default);
        var firstBatchWritten = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var progress = new BlockingProgress(firstBatchWritten, release.Task);

        var first = Task.Run(() => App.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, progress, default));
        await firstBatchWritten.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var second = await Assert.ThrowsAsync<ScanAlreadyRunningException>(() => App.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default));
        release.SetResult();
        var result = await first;

        Assert.Equal(library.Id, second.LibraryId);
        Assert.Equal(40, result.FilesAdded);
        Assert.Equal(0, (await App.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default)).FilesAdded);
    }

    [Fact]
    public async Task AnotherProcessOnTheSameDatabaseCannotScanTheLibraryWhileTheLeaseIsHeld()
    {
        Disk.AddTrack("A/1.mp3");
        using var other = new NomarrTestHost(databasePath: App.DatabasePath);
        var library = await App.Libraries.AddAsync(Disk.Root, null, false, default);
        var (release, first) = await HoldAScanAtItsStartAsync(library.Id);
        await Assert.ThrowsAsync<ScanAlreadyRunningException>(() => other.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default));
        release.SetResult();
        await first;

        Assert.Equal(0, (await other.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default)).FilesAdded);
    }

    [Fact]
    public async Task AnotherProcessOnTheSameDatabaseCannotRemoveTheLibraryWhileItIsScanned()
    {
        Disk.AddTrack("A/1.mp3");
        using var other = new NomarrTestHost(databasePath: App.DatabasePath);
        var library = await App.Libraries.AddAsync(Disk.Root, null, false, default);
        var (release, first) = await HoldAScanAtItsStartAsync(library.Id);
        await Assert.ThrowsAsync<ScanAlreadyRunningException>(() => other.Libraries.RemoveAsync(library.Id, default));
        release.SetResult();
        var result = await first;
        await other.Libraries.RemoveAsync(library.Id, default);

        Assert.Equal(1, result.FilesAdded);
        Assert.Empty(await App.Libraries.ListAsync(default));
        await Assert.ThrowsAsync<LibraryNotFoundException>(() => other.Libraries.RemoveAsync(library.Id, default));
    }

    [Fact]
    public async Task TargetsOfAnUnknownLibraryAreRefused() =>
        await Assert.ThrowsAsync<LibraryNotFoundException>(() => App.Scans.ScanAsync([new ScanTarget(999)], allowMassMissing: false, null, default));

    [Fact]
    public async Task ARootThatDoesNotExistIsAFileOrIsALibraryAlreadyIsRefused()
    {
        await Assert.ThrowsAsync<InvalidLibraryRootException>(() => App.Libraries.AddAsync(Disk.FullPath("nope"), null, false, default));
        Disk.Write("file.txt", [1]);
        await Assert.ThrowsAsync<InvalidLibraryRootException>(() => App.Libraries.AddAsync(Disk.FullPath("file.txt"), null, false, default));
        await App.Libraries.AddAsync(Disk.Root, null, false, default);
        await Assert.ThrowsAsync<LibraryAlreadyExistsException>(() => App.Libraries.AddAsync(Disk.Root + "/", null, false, default));
    }

    /// <summary>Starts a full scan in this process and holds it at its start, lease taken, until released.</summary>
    private async Task<(TaskCompletionSource Release, Task<ScanResult> Scan)> HoldAScanAtItsStartAsync(long libraryId)
    {
        var started = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var scan = Task.Run(() => App.Scans.ScanAsync([new ScanTarget(libraryId)], allowMassMissing: false, new BlockingProgress(started, release.Task, ScanPhase.Starting), default));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return (release, scan);
    }

    /// <summary>Holds the scan at its first report of the given phase until released.</summary>
    private sealed class BlockingProgress(TaskCompletionSource reached, Task release, ScanPhase phase = ScanPhase.Writing) : IProgress<ScanProgress>
    {
        public void Report(ScanProgress value)
        {
            if (value.Phase == phase && reached.TrySetResult())
            {
                release.Wait(TimeSpan.FromSeconds(30));
            }
        }
    }
}
