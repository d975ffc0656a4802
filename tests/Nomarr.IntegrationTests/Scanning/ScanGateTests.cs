using Nomarr.Helpers.Errors;
using Nomarr.Helpers.Scanning;
using Nomarr.IntegrationTests.Infrastructure;

namespace Nomarr.IntegrationTests.Scanning;

public sealed class ScanGateTests : IDisposable
{
    private readonly TempLibrary _disk = new();
    private readonly NomarrTestHost _host = new();

    public void Dispose()
    {
        _host.Dispose();
        _disk.Dispose();
    }

    [Fact]
    public async Task ASecondScanOfTheSameLibraryIsRefusedWhileTheFirstRuns()
    {
        for (var i = 0; i < 40; i++)
        {
            _disk.AddTrack($"A/{i}.mp3");
        }

        var library = await _host.Libraries.AddLibraryAsync(_disk.Root, null, false, default);
        var firstBatchWritten = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var progress = new BlockingProgress(firstBatchWritten, release.Task);

        var first = Task.Run(() => _host.Libraries.ScanTargetsAsync([new ScanTarget(library.Id)], progress, default));
        await firstBatchWritten.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var second = await Assert.ThrowsAsync<ScanAlreadyRunningException>(() => _host.Libraries.StartScanForLibraryAsync(library.Id, null, default));
        release.SetResult();
        var result = await first;

        Assert.Equal(library.Id, second.LibraryId);
        Assert.Equal(40, result.FilesAdded);
        Assert.Equal(0, (await _host.Libraries.StartScanForLibraryAsync(library.Id, null, default)).FilesAdded);
    }

    [Fact]
    public async Task AnotherProcessOnTheSameDatabaseCannotScanTheLibraryWhileTheLeaseIsHeld()
    {
        _disk.AddTrack("A/1.mp3");
        using var other = new NomarrTestHost(databasePath: _host.DatabasePath);
        var library = await _host.Libraries.AddLibraryAsync(_disk.Root, null, false, default);
        var started = new TaskCompletionSource();
        var release = new TaskCompletionSource();

        var first = Task.Run(() => _host.Libraries.ScanTargetsAsync([new ScanTarget(library.Id)], new BlockingProgress(started, release.Task, ScanPhase.Starting), default));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await Assert.ThrowsAsync<ScanAlreadyRunningException>(() => other.Libraries.StartScanForLibraryAsync(library.Id, null, default));
        release.SetResult();
        await first;

        Assert.Equal(0, (await other.Libraries.StartScanForLibraryAsync(library.Id, null, default)).FilesAdded);
    }

    [Fact]
    public async Task TargetsOfAnUnknownLibraryAreRefused() =>
        await Assert.ThrowsAsync<LibraryNotFoundException>(() => _host.Libraries.ScanTargetsAsync([new ScanTarget(999)], null, default));

    [Fact]
    public async Task ARootThatDoesNotExistIsAFileOrIsALibraryAlreadyIsRefused()
    {
        await Assert.ThrowsAsync<InvalidLibraryRootException>(() => _host.Libraries.AddLibraryAsync(_disk.FullPath("nope"), null, false, default));
        _disk.Write("file.txt", [1]);
        await Assert.ThrowsAsync<InvalidLibraryRootException>(() => _host.Libraries.AddLibraryAsync(_disk.FullPath("file.txt"), null, false, default));
        await _host.Libraries.AddLibraryAsync(_disk.Root, null, false, default);
        await Assert.ThrowsAsync<LibraryAlreadyExistsException>(() => _host.Libraries.AddLibraryAsync(_disk.Root + "/", null, false, default));
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
