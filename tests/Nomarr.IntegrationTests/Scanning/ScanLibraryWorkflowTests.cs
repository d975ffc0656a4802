using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Scanning;
using Nomarr.IntegrationTests.Infrastructure;
using Nomarr.Services.Status;
using Nomarr.Workflows.Scanning;

namespace Nomarr.IntegrationTests.Scanning;

public sealed class ScanLibraryWorkflowTests : LibraryTest
{
    [Fact]
    public async Task AFullScanOfThreeFilesFindsThree()
    {
        Disk.AddTrack("Rock/Beatles/01 - Help.mp3");
        Disk.AddTrack("Rock/Beatles/02 - Yesterday.flac");
        Disk.AddTrack("Jazz/Miles/01 - So What.ogg");
        Disk.Write("Jazz/Miles/cover.jpg", [1, 2, 3]);
        var library = await AddLibraryAsync();

        var result = await App.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);

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
        Disk.AddTrack("Rock/a.mp3");
        Disk.AddTrack("Jazz/b.mp3");
        var library = await AddLibraryAsync();
        await App.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);
        Disk.AddTrack("Rock/Beatles/new.mp3");
        Disk.AddTrack("Jazz/also-new.mp3");

        var result = await App.Scans.ScanAsync([new ScanTarget(library.Id, "Rock")], allowMassMissing: false, null, default);

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
            Disk.AddTrack($"Album/{i:00}.mp3");
        }

        var library = await AddLibraryAsync();
        var progress = new RecordingProgress();

        var result = await App.Workflow.RunAsync(library.Id, [new ScanTarget(library.Id)], new ScanOptions(BatchSize: 10), progress);

        Assert.Equal([10, 10, 5], progress.BatchSizes);
        Assert.Equal(3, result.DbTransactions);
        Assert.Equal(25, result.FilesAdded);
    }

    [Fact]
    public async Task ASecondScanWithNothingChangedReadsNoTagsAndWritesNothing()
    {
        Disk.AddTrack("A/1.mp3");
        Disk.AddTrack("A/2.opus");
        Disk.AddTrack("B/3.m4a");
        var library = await AddLibraryAsync();
        await App.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);
        var before = await AllFilesAsync(library.Id);
        var progress = new RecordingProgress();

        var result = await App.Workflow.RunAsync(library.Id, [new ScanTarget(library.Id)], new ScanOptions(), progress);

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
        Disk.AddTrack("A/1.flac", title: "Old", artist: "Someone");
        var library = await AddLibraryAsync();
        await App.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);
        var original = Assert.Single(await AllFilesAsync(library.Id));
        Disk.Retag("A/1.flac", title: "New Title");
        File.SetLastWriteTimeUtc(Disk.FullPath("A/1.flac"), DateTime.UnixEpoch.AddYears(40));

        var result = await App.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);

        Assert.Equal(1, result.FilesUpdated);
        var updated = Assert.Single(await AllFilesAsync(library.Id));
        Assert.Equal(original.Id, updated.Id);
        Assert.Equal("New Title", updated.Tags.Title);
        Assert.Equal("Someone", updated.Tags.Artist);
    }

    [Fact]
    public async Task ACorruptFileAndAZeroByteMp3AreCountedAsFailedAndTheScanCompletes()
    {
        Disk.AddTrack("A/good.mp3", title: "Good");
        Disk.Write("A/corrupt.mp3", System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("not audio at all ", 300))));
        Disk.Write("A/empty.mp3", []);
        Disk.Write("A/broken.m4a", System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("garbage ", 300))));
        var library = await AddLibraryAsync();

        var result = await App.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);

        Assert.Equal(4, result.FilesScanned);
        Assert.Equal(3, result.FilesFailed);
        Assert.Equal(["A/broken.m4a", "A/corrupt.mp3", "A/empty.mp3"], result.Failures.Select(f => f.Path).Order(StringComparer.Ordinal));
        Assert.All(result.Failures, f => Assert.Equal("corrupt", f.Kind));
        var files = await AllFilesAsync(library.Id);
        Assert.Equal("Good", files.Single(f => f.Path == "A/good.mp3").Tags.Title);
        Assert.All(files.Where(f => f.Path != "A/good.mp3"), f => Assert.NotNull(f.ReadError));
        Assert.Equal(LibraryScanState.Idle, await App.History.StateOfAsync(library.Id, default));
    }

    [Fact]
    public async Task ADeletedFileIsMarkedMissingAndComesBackWithItsId()
    {
        Disk.AddTrack("A/1.mp3");
        Disk.AddTrack("A/2.mp3");
        var library = await AddLibraryAsync();
        await App.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);
        var id = (await AllFilesAsync(library.Id)).Single(f => f.Path == "A/2.mp3").Id;
        var saved = File.ReadAllBytes(Disk.FullPath("A/2.mp3"));
        Disk.Delete("A/2.mp3");

        var gone = await App.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);
        var missing = (await AllFilesAsync(library.Id)).Single(f => f.Path == "A/2.mp3");
        Disk.Write("A/2.mp3", saved);
        var back = await App.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);

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
    public async Task AFileDeletedWhileAnotherIsAddedIsStillMarkedMissing()
    {
        // As many files are walked as are stored, yet one of the stored ones is gone.
        Disk.AddTrack("A/1.mp3");
        Disk.AddTrack("A/2.mp3");
        var library = await AddLibraryAsync();
        await App.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);
        Disk.Delete("A/2.mp3");
        Disk.AddTrack("B/3.flac");

        var result = await App.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);

        Assert.Equal(1, result.FilesAdded);
        Assert.Equal(1, result.FilesMissing);
        Assert.Equal(0, result.FilesMoved);
        var files = await AllFilesAsync(library.Id);
        Assert.False(files.Single(f => f.Path == "A/2.mp3").Valid);
        Assert.True(files.Single(f => f.Path == "B/3.flac").Valid);
    }

    [Fact]
    public async Task ATargetedScanMarksMissingOnlyWithinItsFolders()
    {
        Disk.AddTrack("Rock/a.mp3");
        Disk.AddTrack("Rockabilly/b.mp3");
        Disk.AddTrack("Jazz/c.mp3");
        var library = await AddLibraryAsync();
        await App.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);
        Disk.Delete("Rock/a.mp3");
        Disk.Delete("Rockabilly/b.mp3");
        Disk.Delete("Jazz/c.mp3");

        var result = await App.Scans.ScanAsync([new ScanTarget(library.Id, "Rock")], allowMassMissing: false, null, default);

        Assert.Equal(1, result.FilesMissing);
        var files = await AllFilesAsync(library.Id);
        Assert.False(files.Single(f => f.Path == "Rock/a.mp3").Valid);
        Assert.True(files.Single(f => f.Path == "Rockabilly/b.mp3").Valid);
        Assert.True(files.Single(f => f.Path == "Jazz/c.mp3").Valid);
    }

    [Fact]
    public async Task ATargetedScanOfAFolderThatWasDeletedMarksItsFilesMissing()
    {
        Disk.AddTrack("Rock/Beatles/a.mp3");
        Disk.AddTrack("Rock/Stones/b.mp3");
        var library = await AddLibraryAsync();
        await App.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);
        Directory.Delete(Disk.FullPath("Rock/Beatles"), recursive: true);

        var result = await App.Scans.ScanAsync([new ScanTarget(library.Id, "Rock/Beatles")], allowMassMissing: false, null, default);

        Assert.Equal(1, result.FilesMissing);
        Assert.True((await AllFilesAsync(library.Id)).Single(f => f.Path == "Rock/Stones/b.mp3").Valid);
    }

    [Fact]
    public async Task AScanOfALibraryWhoseRootIsGoneFailsAndMarksNothingMissing()
    {
        Disk.AddTrack("A/1.mp3");
        var library = await AddLibraryAsync();
        await App.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);
        Directory.Move(Disk.Root, Disk.Root + "-unmounted");
        try
        {
            await Assert.ThrowsAsync<Nomarr.Helpers.Errors.InvalidLibraryRootException>(
                () => App.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default));
            Assert.True(Assert.Single(await AllFilesAsync(library.Id)).Valid);
        }
        finally
        {
            Directory.Move(Disk.Root + "-unmounted", Disk.Root);
        }
    }

    [Fact]
    public async Task HiddenAndTemporaryFilesAreNotScanned()
    {
        Disk.AddTrack("A/1.mp3");
        Disk.AddTrack("A/.hidden.mp3");
        Disk.AddTrack(".Trash/2.mp3");
        File.Copy(TempLibrary.Fixture(".mp3"), Disk.FullPath("A/3.mp3.part"));
        var library = await AddLibraryAsync();

        var result = await App.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);

        Assert.Equal(1, result.FilesScanned);
    }

    [Theory]
    [InlineData(".Trash")]
    [InlineData(".Trash/Old")]
    [InlineData("A/@eaDir")]
    public async Task AScanTargetingAHiddenFolderRecordsNothingAFullScanWouldSkip(string target)
    {
        Disk.AddTrack(".Trash/Old/1.mp3");
        Disk.AddTrack("A/@eaDir/2.mp3");
        var library = await AddLibraryAsync();

        var result = await App.Scans.ScanAsync([new ScanTarget(library.Id, target)], allowMassMissing: false, null, default);

        Assert.Equal(0, result.FilesScanned);
    }

    [Fact]
    public async Task ASymlinkLoopDoesNotHangTheWalk()
    {
        Disk.AddTrack("A/1.mp3");
        Directory.CreateSymbolicLink(Disk.FullPath("A/loop"), Disk.Root);
        Directory.CreateSymbolicLink(Disk.FullPath("A/self"), Disk.FullPath("A"));
        var library = await AddLibraryAsync();

        var result = await App.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);

        Assert.Equal(1, result.FilesScanned);
    }

    [Fact]
    public async Task TheScanRunIsRecordedWithItsTargetsAndCounts()
    {
        Disk.AddTrack("Rock/a.mp3");
        var library = await AddLibraryAsync();

        var result = await App.Scans.ScanAsync([new ScanTarget(library.Id, "Rock/"), new ScanTarget(library.Id, "Rock/Sub")], allowMassMissing: false, null, default);

        var run = await App.History.GetAsync(result.ScanId, default);
        Assert.NotNull(run);
        Assert.Equal(ScanRunStatus.Completed, run.Status);
        Assert.Equal(["Rock"], run.Targets);
        Assert.Equal(1, run.Result?.FilesAdded);
        Assert.NotNull(run.FinishedAt);
    }

    private Task<Library> AddLibraryAsync() => App.Libraries.AddAsync(Disk.Root, "Test", watch: false, default);

    private async Task<IReadOnlyList<LibraryFile>> AllFilesAsync(long libraryId) =>
        (await App.Files.QueryAsync(new FileQuery(libraryId, Limit: 10_000), default)).Items;
}
