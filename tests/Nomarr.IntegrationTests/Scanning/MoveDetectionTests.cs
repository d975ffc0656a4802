using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Scanning;
using Nomarr.IntegrationTests.Infrastructure;

namespace Nomarr.IntegrationTests.Scanning;

public sealed class MoveDetectionTests : LibraryTest
{
    [Fact]
    public async Task ARenameInPlaceKeepsTheRecordIdAndCountsAsMoved()
    {
        Disk.AddTrack("A/01 - Help.mp3");
        var library = await ScannedLibraryAsync();
        var before = await FileAsync(library, "A/01 - Help.mp3");

        File.Move(Disk.FullPath("A/01 - Help.mp3"), Disk.FullPath("A/01 - Help!.mp3"));
        var result = await ScanAsync(library);

        AssertMovedOnly(result);
        var after = Assert.Single(await AllFilesAsync(library));
        Assert.Equal(before.Id, after.Id);
        Assert.Equal("A/01 - Help!.mp3", after.Path);
        Assert.Equal(before.AddedAt, after.AddedAt);
        Assert.True(after.Valid);
    }

    [Fact]
    public async Task AMoveToAnotherFolderKeepsTheRecordId()
    {
        Disk.AddTrack("Incoming/track.flac");
        Disk.AddTrack("Other/keep.ogg");
        var library = await ScannedLibraryAsync();
        var before = await FileAsync(library, "Incoming/track.flac");

        Directory.CreateDirectory(Disk.FullPath("Artist/Album"));
        File.Move(Disk.FullPath("Incoming/track.flac"), Disk.FullPath("Artist/Album/01 track.flac"));
        var result = await ScanAsync(library);

        AssertMovedOnly(result);
        Assert.Equal(before.Id, (await FileAsync(library, "Artist/Album/01 track.flac")).Id);
        Assert.Equal(2, (await AllFilesAsync(library)).Count);
    }

    [Theory]
    [InlineData(".mp3")]
    [InlineData(".flac")]
    [InlineData(".ogg")]
    [InlineData(".opus")]
    [InlineData(".m4a")]
    public async Task AMoveAndRetagByCopyingKeepsTheRecordIdAndTakesTheNewTags(string extension)
    {
        Disk.AddTrack("Old/a" + extension, title: "Old title", artist: "Old artist");
        var library = await ScannedLibraryAsync();
        var before = await FileAsync(library, "Old/a" + extension);

        // A copy and a delete, as a tool moving across disks does: the inode changes, the audio does not.
        Directory.CreateDirectory(Disk.FullPath("New"));
        File.Copy(Disk.FullPath("Old/a" + extension), Disk.FullPath("New/b" + extension));
        Disk.Delete("Old/a" + extension);
        Disk.Retag("New/b" + extension, title: "New title", artist: "New artist");
        var result = await ScanAsync(library);

        AssertMovedOnly(result);
        var after = Assert.Single(await AllFilesAsync(library));
        Assert.Equal(before.Id, after.Id);
        Assert.Equal("New/b" + extension, after.Path);
        Assert.Equal("New title", after.Tags.Title);
        Assert.Equal("New artist", after.Tags.Artist);
    }

    [Fact]
    public async Task AMoveWithNewCoverArtKeepsTheRecordId()
    {
        Disk.AddTrack("Old/a.mp3");
        var library = await ScannedLibraryAsync();
        var before = await FileAsync(library, "Old/a.mp3");

        Directory.CreateDirectory(Disk.FullPath("New"));
        File.Copy(Disk.FullPath("Old/a.mp3"), Disk.FullPath("New/a.mp3"));
        Disk.Delete("Old/a.mp3");
        using (var file = TagLib.File.Create(Disk.FullPath("New/a.mp3")))
        {
            file.Tag.Pictures = [new TagLib.Picture(new TagLib.ByteVector(new byte[30_000])) { MimeType = "image/png", Type = TagLib.PictureType.FrontCover }];
            file.Save();
        }

        var result = await ScanAsync(library);

        AssertMovedOnly(result);
        Assert.Equal(before.Id, Assert.Single(await AllFilesAsync(library)).Id);
    }

    [Fact]
    public async Task AMoveSeenByTwoSeparateTargetedScansKeepsTheRecordId()
    {
        Disk.AddTrack("Old/a.opus");
        Disk.AddTrack("Keep/b.mp3");
        var library = await ScannedLibraryAsync();
        var before = await FileAsync(library, "Old/a.opus");

        Directory.CreateDirectory(Disk.FullPath("New"));
        File.Copy(Disk.FullPath("Old/a.opus"), Disk.FullPath("New/a.opus"));
        Disk.Delete("Old/a.opus");
        var oldFolder = await App.Scans.ScanAsync([new ScanTarget(library.Id, "Old")], allowMassMissing: false, null, default);
        var missing = await FileAsync(library, "Old/a.opus");
        var newFolder = await App.Scans.ScanAsync([new ScanTarget(library.Id, "New")], allowMassMissing: false, null, default);

        Assert.Equal(1, oldFolder.FilesMissing);
        Assert.False(missing.Valid);
        AssertMovedOnly(newFolder);
        var after = await FileAsync(library, "New/a.opus");
        Assert.Equal(before.Id, after.Id);
        Assert.True(after.Valid);
        Assert.Null(after.MissingSince);
        Assert.Equal(2, (await AllFilesAsync(library)).Count);
    }

    [Fact]
    public async Task AMovedFolderScannedBeforeItsOldPlaceKeepsTheRecordIds()
    {
        Disk.AddTrack("Old/a.mp3", title: "A");
        Disk.AddTrack("Old/b.flac", title: "B");
        var library = await ScannedLibraryAsync();
        var before = await AllFilesAsync(library);

        Directory.Move(Disk.FullPath("Old"), Disk.FullPath("New"));
        var newFolder = await App.Scans.ScanAsync([new ScanTarget(library.Id, "New")], allowMassMissing: false, null, default);
        var oldFolder = await App.Scans.ScanAsync([new ScanTarget(library.Id, "Old")], allowMassMissing: false, null, default);

        Assert.Equal(2, newFolder.FilesMoved);
        Assert.Equal(0, newFolder.FilesAdded);
        Assert.Equal(0, oldFolder.FilesMissing);
        var after = await AllFilesAsync(library);
        Assert.Equal(before.Select(f => (f.Id, f.Tags.Title)).Order(), after.Select(f => (f.Id, f.Tags.Title)).Order());
        Assert.All(after, f => Assert.StartsWith("New/", f.Path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TwoIdenticalCopiesMovedAtOnceAreNotGuessed()
    {
        Disk.AddTrack("A/one.mp3", title: "Same");
        File.Copy(Disk.FullPath("A/one.mp3"), Disk.FullPath("A/two.mp3"));
        var library = await ScannedLibraryAsync();
        var oldIds = (await AllFilesAsync(library)).Select(f => f.Id).ToHashSet();

        Directory.CreateDirectory(Disk.FullPath("B"));
        File.Copy(Disk.FullPath("A/one.mp3"), Disk.FullPath("B/one.mp3"));
        File.Copy(Disk.FullPath("A/two.mp3"), Disk.FullPath("B/two.mp3"));
        Directory.Delete(Disk.FullPath("A"), recursive: true);
        var result = await ScanAsync(library);

        Assert.Equal(0, result.FilesMoved);
        Assert.Equal(2, result.FilesAdded);
        Assert.Equal(2, result.FilesMissing);
        var files = await AllFilesAsync(library);
        Assert.All(files.Where(f => f.Path.StartsWith("A/", StringComparison.Ordinal)), f => Assert.False(f.Valid));
        Assert.All(files.Where(f => f.Path.StartsWith("B/", StringComparison.Ordinal)), f => Assert.DoesNotContain(f.Id, oldIds));
    }

    [Fact]
    public async Task TwoIdenticalCopiesRenamedAtOnceFollowTheirInodes()
    {
        Disk.AddTrack("A/one.mp3", title: "Same");
        File.Copy(Disk.FullPath("A/one.mp3"), Disk.FullPath("A/two.mp3"));
        var library = await ScannedLibraryAsync();
        var one = await FileAsync(library, "A/one.mp3");
        var two = await FileAsync(library, "A/two.mp3");

        File.Move(Disk.FullPath("A/one.mp3"), Disk.FullPath("A/uno.mp3"));
        File.Move(Disk.FullPath("A/two.mp3"), Disk.FullPath("A/dos.mp3"));
        var result = await ScanAsync(library);

        Assert.Equal(2, result.FilesMoved);
        Assert.Equal(one.Id, (await FileAsync(library, "A/uno.mp3")).Id);
        Assert.Equal(two.Id, (await FileAsync(library, "A/dos.mp3")).Id);
    }

    [Fact]
    public async Task ACopyOfAFileThatStillExistsIsAddedNotMoved()
    {
        Disk.AddTrack("A/a.mp3");
        var library = await ScannedLibraryAsync();

        Directory.CreateDirectory(Disk.FullPath("B"));
        File.Copy(Disk.FullPath("A/a.mp3"), Disk.FullPath("B/a.mp3"));
        var result = await App.Scans.ScanAsync([new ScanTarget(library.Id, "B")], allowMassMissing: false, null, default);

        Assert.Equal(0, result.FilesMoved);
        Assert.Equal(1, result.FilesAdded);
        Assert.All(await AllFilesAsync(library), f => Assert.True(f.Valid));
    }

    [Fact]
    public async Task AFileThatDisappearsBetweenTheWalkAndTheTagReadIsCountedAsVanished()
    {
        for (var i = 0; i < 1500; i++)
        {
            Directory.CreateDirectory(Disk.FullPath("A"));
            File.Copy(TempLibrary.Fixture(".mp3"), Disk.FullPath($"A/{i:0000}.mp3"));
        }

        var library = await App.Libraries.AddAsync(Disk.Root, "Test", watch: false, default);
        var deleted = false;

        // The walk reports its progress every 500 files, long before one tag reader has read them.
        var progress = new CallbackProgress(p =>
        {
            if (p.Phase == ScanPhase.Walking && !deleted)
            {
                deleted = true;
                File.Delete(Disk.FullPath("A/1499.mp3"));
            }
        });
        var result = await App.Workflow.RunAsync(library.Id, [new ScanTarget(library.Id)], new Nomarr.Workflows.Scanning.ScanOptions(Parallelism: 1), progress);

        Assert.True(deleted);
        Assert.Equal(1, result.FilesVanished);
        Assert.Equal(0, result.FilesFailed);
        Assert.Equal(1499, result.FilesAdded);
        Assert.Equal("vanished", Assert.Single(result.Failures).Kind);
        Assert.Equal(1499, (await AllFilesAsync(library)).Count);
    }

    private static void AssertMovedOnly(ScanResult result)
    {
        Assert.Equal(1, result.FilesMoved);
        Assert.Equal(0, result.FilesAdded);
        Assert.Equal(0, result.FilesMissing);
        Assert.True(result.ChangesDetected);
    }

    private async Task<Library> ScannedLibraryAsync()
    {
        var library = await App.Libraries.AddAsync(Disk.Root, "Test", watch: false, default);
        await ScanAsync(library);
        return library;
    }

    private Task<ScanResult> ScanAsync(Library library) => App.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);

    private async Task<LibraryFile> FileAsync(Library library, string path) =>
        (await AllFilesAsync(library)).Single(f => f.Path == path);

    private async Task<IReadOnlyList<LibraryFile>> AllFilesAsync(Library library) =>
        (await App.Files.QueryAsync(new FileQuery(library.Id, Limit: 10_000), default)).Items;
}
