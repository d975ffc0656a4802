using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Scanning;
using Nomarr.IntegrationTests.Infrastructure;
using Nomarr.Workflows.Scanning;

namespace Nomarr.IntegrationTests.Scanning;

public sealed class ScanLibraryWorkflowTests : IDisposable
{
    private readonly TempLibrary _disk = new();
    private readonly NomarrTestHost _host = new();

    public void Dispose()
    {
        _host.Dispose();
        _disk.Dispose();
    }

    [Fact]
    public async Task AFullScanOfThreeFilesFindsThree()
    {
        _disk.AddTrack("Rock/Beatles/01 - Help.mp3");
        _disk.AddTrack("Rock/Beatles/02 - Yesterday.flac");
        _disk.AddTrack("Jazz/Miles/01 - So What.ogg");
        _disk.Write("Jazz/Miles/cover.jpg", [1, 2, 3]);
        var library = await AddLibraryAsync();

        var result = await _host.Libraries.StartScanForLibraryAsync(library.Id, null, default);

        Assert.Equal(3, result.FilesScanned);
        Assert.Equal(3, result.FilesAdded);
        Assert.True(result.FullScan);
        Assert.True(result.ChangesDetected);
        var files = await AllFilesAsync(library.Id);
        Assert.Equal(["Jazz/Miles/01 - So What.ogg", "Rock/Beatles/01 - Help.mp3", "Rock/Beatles/02 - Yesterday.flac"], files.Select(f => f.Path));
    }

    [Fact]
    public async Task ATargetedScanOfRockScansOnlyRocksSubtreeAndAddsExactlyTheNewFile()
    {
        _disk.AddTrack("Rock/a.mp3");
        _disk.AddTrack("Jazz/b.mp3");
        var library = await AddLibraryAsync();
        await _host.Libraries.StartScanForLibraryAsync(library.Id, null, default);
        _disk.AddTrack("Rock/Beatles/new.mp3");
        _disk.AddTrack("Jazz/also-new.mp3");

        var result = await _host.Libraries.ScanTargetsAsync([new ScanTarget(library.Id, "Rock")], null, default);

        Assert.False(result.FullScan);
        Assert.Equal(2, result.FilesScanned);
        Assert.Equal(1, result.FilesAdded);
        Assert.Equal(1, result.FilesUnchanged);
        var paths = (await AllFilesAsync(library.Id)).Select(f => f.Path).ToList();
        Assert.Contains("Rock/Beatles/new.mp3", paths);
        Assert.DoesNotContain("Jazz/also-new.mp3", paths);
    }

    [Fact]
    public async Task TwentyFiveFilesWithBatchSizeTenAreWrittenInBatchesOfTenTenAndFive()
    {
        for (var i = 0; i < 25; i++)
        {
            _disk.AddTrack($"Album/{i:00}.mp3");
        }

        var library = await AddLibraryAsync();
        var progress = new RecordingProgress();

        var result = await _host.Workflow.RunAsync(library.Id, [new ScanTarget(library.Id)], new ScanOptions(BatchSize: 10), progress);

        Assert.Equal([10, 10, 5], progress.BatchSizes);
        Assert.Equal(3, result.DbTransactions);
        Assert.Equal(25, result.FilesAdded);
    }

    [Fact]
    public async Task ASecondScanWithNothingChangedReadsNoTagsAndWritesNothing()
    {
        _disk.AddTrack("A/1.mp3");
        _disk.AddTrack("A/2.opus");
        _disk.AddTrack("B/3.m4a");
        var library = await AddLibraryAsync();
        await _host.Libraries.StartScanForLibraryAsync(library.Id, null, default);
        var before = await AllFilesAsync(library.Id);
        var progress = new RecordingProgress();

        var result = await _host.Workflow.RunAsync(library.Id, [new ScanTarget(library.Id)], new ScanOptions(), progress);

        Assert.Equal(3, result.FilesUnchanged);
        Assert.Equal(3, result.FilesScanned);
        Assert.Equal(0, result.FilesAdded + result.FilesUpdated + result.FilesMissing);
        Assert.Equal(0, result.DbTransactions);
        Assert.False(result.ChangesDetected);
        Assert.All(progress.Reports, r => Assert.Equal(0, r.FilesRead));
        Assert.Equal(before, await AllFilesAsync(library.Id));
    }

    [Fact]
    public async Task ARetaggedFileIsUpdatedInPlace()
    {
        _disk.AddTrack("A/1.flac", title: "Old", artist: "Someone");
        var library = await AddLibraryAsync();
        await _host.Libraries.StartScanForLibraryAsync(library.Id, null, default);
        var original = Assert.Single(await AllFilesAsync(library.Id));
        _disk.Retag("A/1.flac", title: "New Title");
        File.SetLastWriteTimeUtc(_disk.FullPath("A/1.flac"), DateTime.UnixEpoch.AddYears(40));

        var result = await _host.Libraries.StartScanForLibraryAsync(library.Id, null, default);

        Assert.Equal(1, result.FilesUpdated);
        var updated = Assert.Single(await AllFilesAsync(library.Id));
        Assert.Equal(original.Id, updated.Id);
        Assert.Equal("New Title", updated.Tags.Title);
        Assert.Equal("Someone", updated.Tags.Artist);
    }

    [Fact]
    public async Task ACorruptFileAndAZeroByteMp3AreCountedAsFailedAndTheScanCompletes()
    {
        _disk.AddTrack("A/good.mp3", title: "Good");
        _disk.Write("A/corrupt.mp3", System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("not audio at all ", 300))));
        _disk.Write("A/empty.mp3", []);
        _disk.Write("A/broken.m4a", System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("garbage ", 300))));
        var library = await AddLibraryAsync();

        var result = await _host.Libraries.StartScanForLibraryAsync(library.Id, null, default);

        Assert.Equal(4, result.FilesScanned);
        Assert.Equal(3, result.FilesFailed);
        Assert.Equal(["A/broken.m4a", "A/corrupt.mp3", "A/empty.mp3"], result.Failures.Select(f => f.Path).Order(StringComparer.Ordinal));
        Assert.All(result.Failures, f => Assert.Equal("corrupt", f.Kind));
        var files = await AllFilesAsync(library.Id);
        Assert.Equal("Good", files.Single(f => f.Path == "A/good.mp3").Tags.Title);
        Assert.All(files.Where(f => f.Path != "A/good.mp3"), f => Assert.NotNull(f.ReadError));
        Assert.False((await _host.Libraries.CheckInterruptedScanAsync(library.Id, default)).WasInterrupted);
    }

    [Fact]
    public async Task ADeletedFileIsMarkedMissingAndComesBackWithItsId()
    {
        _disk.AddTrack("A/1.mp3");
        _disk.AddTrack("A/2.mp3");
        var library = await AddLibraryAsync();
        await _host.Libraries.StartScanForLibraryAsync(library.Id, null, default);
        var id = (await AllFilesAsync(library.Id)).Single(f => f.Path == "A/2.mp3").Id;
        var saved = File.ReadAllBytes(_disk.FullPath("A/2.mp3"));
        _disk.Delete("A/2.mp3");

        var gone = await _host.Libraries.StartScanForLibraryAsync(library.Id, null, default);
        var missing = (await AllFilesAsync(library.Id)).Single(f => f.Path == "A/2.mp3");
        _disk.Write("A/2.mp3", saved);
        var back = await _host.Libraries.StartScanForLibraryAsync(library.Id, null, default);

        Assert.Equal(1, gone.FilesMissing);
        Assert.False(missing.Valid);
        Assert.NotNull(missing.MissingSince);
        Assert.Equal(1, back.FilesUpdated);
        var returned = (await AllFilesAsync(library.Id)).Single(f => f.Path == "A/2.mp3");
        Assert.Equal(id, returned.Id);
        Assert.True(returned.Valid);
        Assert.Null(returned.MissingSince);
    }

    [Fact]
    public async Task ATargetedScanMarksMissingOnlyWithinItsFolders()
    {
        _disk.AddTrack("Rock/a.mp3");
        _disk.AddTrack("Rockabilly/b.mp3");
        _disk.AddTrack("Jazz/c.mp3");
        var library = await AddLibraryAsync();
        await _host.Libraries.StartScanForLibraryAsync(library.Id, null, default);
        _disk.Delete("Rock/a.mp3");
        _disk.Delete("Rockabilly/b.mp3");
        _disk.Delete("Jazz/c.mp3");

        var result = await _host.Libraries.ScanTargetsAsync([new ScanTarget(library.Id, "Rock")], null, default);

        Assert.Equal(1, result.FilesMissing);
        var files = await AllFilesAsync(library.Id);
        Assert.False(files.Single(f => f.Path == "Rock/a.mp3").Valid);
        Assert.True(files.Single(f => f.Path == "Rockabilly/b.mp3").Valid);
        Assert.True(files.Single(f => f.Path == "Jazz/c.mp3").Valid);
    }

    [Fact]
    public async Task ATargetedScanOfAFolderThatWasDeletedMarksItsFilesMissing()
    {
        _disk.AddTrack("Rock/Beatles/a.mp3");
        _disk.AddTrack("Rock/Stones/b.mp3");
        var library = await AddLibraryAsync();
        await _host.Libraries.StartScanForLibraryAsync(library.Id, null, default);
        Directory.Delete(_disk.FullPath("Rock/Beatles"), recursive: true);

        var result = await _host.Libraries.ScanTargetsAsync([new ScanTarget(library.Id, "Rock/Beatles")], null, default);

        Assert.Equal(1, result.FilesMissing);
        Assert.True((await AllFilesAsync(library.Id)).Single(f => f.Path == "Rock/Stones/b.mp3").Valid);
    }

    [Fact]
    public async Task AScanOfALibraryWhoseRootIsGoneFailsAndMarksNothingMissing()
    {
        _disk.AddTrack("A/1.mp3");
        var library = await AddLibraryAsync();
        await _host.Libraries.StartScanForLibraryAsync(library.Id, null, default);
        Directory.Move(_disk.Root, _disk.Root + "-unmounted");
        try
        {
            await Assert.ThrowsAsync<Nomarr.Helpers.Errors.InvalidLibraryRootException>(
                () => _host.Libraries.StartScanForLibraryAsync(library.Id, null, default));
            Assert.True(Assert.Single(await AllFilesAsync(library.Id)).Valid);
        }
        finally
        {
            Directory.Move(_disk.Root + "-unmounted", _disk.Root);
        }
    }

    [Fact]
    public async Task HiddenAndTemporaryFilesAreNotScanned()
    {
        _disk.AddTrack("A/1.mp3");
        _disk.AddTrack("A/.hidden.mp3");
        _disk.AddTrack(".Trash/2.mp3");
        File.Copy(TempLibrary.Fixture(".mp3"), _disk.FullPath("A/3.mp3.part"));
        var library = await AddLibraryAsync();

        var result = await _host.Libraries.StartScanForLibraryAsync(library.Id, null, default);

        Assert.Equal(1, result.FilesScanned);
    }

    [Fact]
    public async Task ASymlinkLoopDoesNotHangTheWalk()
    {
        _disk.AddTrack("A/1.mp3");
        Directory.CreateSymbolicLink(_disk.FullPath("A/loop"), _disk.Root);
        Directory.CreateSymbolicLink(_disk.FullPath("A/self"), _disk.FullPath("A"));
        var library = await AddLibraryAsync();

        var result = await _host.Libraries.StartScanForLibraryAsync(library.Id, null, default);

        Assert.Equal(1, result.FilesScanned);
    }

    [Fact]
    public async Task TheScanRunIsRecordedWithItsTargetsAndCounts()
    {
        _disk.AddTrack("Rock/a.mp3");
        var library = await AddLibraryAsync();

        var result = await _host.Libraries.ScanTargetsAsync([new ScanTarget(library.Id, "Rock/"), new ScanTarget(library.Id, "Rock/Sub")], null, default);

        var run = await _host.Libraries.GetScanAsync(result.ScanId, default);
        Assert.NotNull(run);
        Assert.Equal(ScanRunStatus.Completed, run.Status);
        Assert.Equal(["Rock"], run.Targets);
        Assert.Equal(1, run.Result?.FilesAdded);
        Assert.NotNull(run.FinishedAt);
    }

    private Task<Library> AddLibraryAsync() => _host.Libraries.AddLibraryAsync(_disk.Root, "Test", watch: false, default);

    private async Task<IReadOnlyList<LibraryFile>> AllFilesAsync(long libraryId) =>
        (await _host.Libraries.QueryFilesAsync(new FileQuery(libraryId, Limit: 10_000), default)).Items;
}
