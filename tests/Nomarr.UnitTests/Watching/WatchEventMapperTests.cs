using Nomarr.Workflows.Watching;

namespace Nomarr.UnitTests.Watching;

public class WatchEventMapperTests
{
    [Theory]
    [InlineData(WatchEventKind.Created, "Rock/Beatles/01.mp3", "Rock/Beatles")]
    [InlineData(WatchEventKind.Changed, "Rock/Beatles/01.flac", "Rock/Beatles")]
    [InlineData(WatchEventKind.Created, "Rock/Beatles/cover.jpg", "Rock/Beatles")]
    [InlineData(WatchEventKind.Changed, "Rock/best.m3u8", "Rock")]
    [InlineData(WatchEventKind.Created, "top.mp3", "")]
    public void AMediaFileEventScansItsFolder(WatchEventKind kind, string path, string folder) =>
        Assert.Equal([folder], WatchEventMapper.FoldersToScan(new WatchEvent(kind, path)));

    [Fact]
    public void ACreatedFolderIsScannedAsAWholeSubtree() =>
        Assert.Equal(["Incoming/New Album"], WatchEventMapper.FoldersToScan(new WatchEvent(WatchEventKind.Created, "Incoming/New Album", IsDirectory: true)));

    [Theory]
    [InlineData("Rock/Beatles/01.mp3", "Rock/Beatles")]
    [InlineData("Rock/Beatles", "Rock")]
    [InlineData("Rock/Vol. 2", "Rock")]
    public void ADeletedPathScansItsParentWhetherItWasAFileOrAFolder(string path, string folder) =>
        Assert.Equal([folder], WatchEventMapper.FoldersToScan(new WatchEvent(WatchEventKind.Deleted, path, IsDirectory: null)));

    [Fact]
    public void ARenamedFolderScansTheParentOfItsOldPlaceAndAllOfItsNewOne() =>
        Assert.Equal(
            ["Rock", "Jazz/Help"],
            WatchEventMapper.FoldersToScan(new WatchEvent(WatchEventKind.Renamed, "Jazz/Help", IsDirectory: true, OldPath: "Rock/Help")));

    [Fact]
    public void AFileRenamedWithinItsFolderScansThatFolder() =>
        Assert.Equal(
            ["A", "A"],
            WatchEventMapper.FoldersToScan(new WatchEvent(WatchEventKind.Renamed, "A/02.mp3", OldPath: "A/01.mp3")));

    [Fact]
    public void AFinishedDownloadRenamedFromItsPartialNameScansOnlyItsFolder() =>
        Assert.Equal(["A"], WatchEventMapper.FoldersToScan(new WatchEvent(WatchEventKind.Renamed, "A/01.mp3", OldPath: "A/01.mp3.part")));

    [Theory]
    [InlineData(".DS_Store")]
    [InlineData("Rock/.DS_Store")]
    [InlineData("Rock/Thumbs.db")]
    [InlineData("Rock/desktop.ini")]
    [InlineData("Rock/01.mp3.tmp")]
    [InlineData("Rock/01.mp3~")]
    [InlineData("Rock/.01.mp3.swx")]
    [InlineData("Rock/01.mp3.part")]
    [InlineData("Rock/01.flac.crdownload")]
    [InlineData("Rock/.hidden/01.mp3")]
    [InlineData("Rock/@eaDir/cover.jpg")]
    public void IgnoredNamesNeverTrigger(string path)
    {
        foreach (var kind in Enum.GetValues<WatchEventKind>())
        {
            Assert.Empty(WatchEventMapper.FoldersToScan(new WatchEvent(kind, path, IsDirectory: null, OldPath: kind == WatchEventKind.Renamed ? path + "x~" : null)));
        }
    }

    [Theory]
    [InlineData(WatchEventKind.Created)]
    [InlineData(WatchEventKind.Changed)]
    public void OtherFilesNeverTrigger(WatchEventKind kind) =>
        Assert.Empty(WatchEventMapper.FoldersToScan(new WatchEvent(kind, "Rock/notes.txt")));

    [Theory]
    [InlineData(WatchEventKind.Created)]
    [InlineData(WatchEventKind.Changed)]
    public void APathExcludedByANomarrignoreTriggersNothing(WatchEventKind kind) =>
        Assert.Empty(WatchEventMapper.FoldersToScan(new WatchEvent(kind, "Rock/Live/01.wav", Excluded: true)));

    [Fact]
    public void AFileRenamedToAnExcludedNameStillScansTheFolderItLeft() =>
        Assert.Equal(["Rock"], WatchEventMapper.FoldersToScan(new WatchEvent(WatchEventKind.Renamed, "Rock/01.wav", OldPath: "Rock/01.mp3", Excluded: true)));

    [Theory]
    [InlineData(WatchEventKind.Created, "Rock/.nomarrignore", "Rock")]
    [InlineData(WatchEventKind.Changed, "Rock/.nomarrignore", "Rock")]
    [InlineData(WatchEventKind.Deleted, "Rock/.nomarrignore", "Rock")]
    [InlineData(WatchEventKind.Changed, ".nomarrignore", "")]
    public void AChangedNomarrignoreRescansTheFolderThatHoldsIt(WatchEventKind kind, string path, string folder) =>
        Assert.Equal([folder], WatchEventMapper.FoldersToScan(new WatchEvent(kind, path, IsDirectory: kind == WatchEventKind.Deleted ? null : false)));

    [Fact]
    public void AChangeToAFolderItselfTriggersNothing() =>
        Assert.Empty(WatchEventMapper.FoldersToScan(new WatchEvent(WatchEventKind.Changed, "Rock/Beatles", IsDirectory: true)));

    [Fact]
    public void AbsolutePathsOutsideTheRootAreDropped() =>
        Assert.Empty(WatchEventMapper.FoldersToScan("/music", WatchEventKind.Created, "/elsewhere/01.mp3", null));
    [Theory]
    [InlineData("Live/01.mp3", new string[0])]
    [InlineData("Live/Encore/02.mp3", new string[0])]
    [InlineData("Studio/03.mp3", new[] { "Studio" })]
    public void AFileInsideAnExcludedFolderTriggersNothingLikeTheWalkThatWouldNotListIt(string path, string[] folders)
    {
        var root = Directory.CreateTempSubdirectory("nomarr-mapper-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(root, ".nomarrignore"), "Live/\n");
            var full = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, [1]);

            Assert.Equal(folders, WatchEventMapper.FoldersToScan(root, WatchEventKind.Created, full, null));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
