using Nomarr.Components.Identity;
using Nomarr.Components.Walking;
using Nomarr.IntegrationTests.Infrastructure;
using Nomarr.Workflows.Watching;

namespace Nomarr.IntegrationTests.Watching;

/// <summary>Two poll rounds of a real folder, and the folders whose scan brings the database from one to the other.</summary>
public sealed class PollRoundTests : IDisposable
{
    private readonly TempLibrary _disk = new();
    private readonly PollRound _round = new(new DirectoryWalker(), new DeviceInodes());

    public PollRoundTests()
    {
        _disk.AddTrack("Rock/Beatles/01 - Help.mp3");
        _disk.AddTrack("Rock/Beatles/02 - Yesterday.flac");
        _disk.AddTrack("Jazz/Miles/01 - So What.ogg");
    }

    public void Dispose() => _disk.Dispose();

    [Fact]
    public void NothingChangedMeansNoFolder()
    {
        var before = Take(null);

        Assert.Empty(FolderSnapshot.Changed(before, Take(before)));
        Assert.Equal(3, before.FileCount);
        Assert.Equal(2, before.FolderCount);
    }

    [Fact]
    public void AnAlbumCopiedInIsItsFolders()
    {
        var before = Take(null);
        _disk.AddTrack("Pop/Abba/Gold/01 - Dancing Queen.mp3");
        _disk.AddTrack("Pop/Abba/Gold/CD2/01 - SOS.mp3");

        Assert.Equal(["Pop/Abba/Gold", "Pop/Abba/Gold/CD2"], FolderSnapshot.Changed(before, Take(before)));
    }

    [Fact]
    public void ARetaggedFileIsItsFolder()
    {
        var before = Take(null);
        _disk.Retag("Jazz/Miles/01 - So What.ogg", title: "So What (Live)");

        Assert.Equal(["Jazz/Miles"], FolderSnapshot.Changed(before, Take(before)));
    }

    [Fact]
    public void AFileWithOnlyANewMtimeIsItsFolder()
    {
        var before = Take(null);
        File.SetLastWriteTimeUtc(_disk.FullPath("Rock/Beatles/01 - Help.mp3"), DateTime.UtcNow.AddMinutes(-5));

        Assert.Equal(["Rock/Beatles"], FolderSnapshot.Changed(before, Take(before)));
    }

    [Fact]
    public void ADeletedFileOrAlbumIsItsFolder()
    {
        var before = Take(null);
        _disk.Delete("Rock/Beatles/01 - Help.mp3");
        Directory.Delete(_disk.FullPath("Jazz/Miles"), recursive: true);

        Assert.Equal(["Jazz/Miles", "Rock/Beatles"], FolderSnapshot.Changed(before, Take(before)));
    }

    [Fact]
    public void ARenamedAlbumIsBothItsOldAndItsNewFolder()
    {
        var before = Take(null);
        Directory.Move(_disk.FullPath("Rock/Beatles"), _disk.FullPath("Rock/The Beatles"));

        Assert.Equal(["Rock/Beatles", "Rock/The Beatles"], FolderSnapshot.Changed(before, Take(before)));
    }

    [Fact]
    public void CoversJunkAndHiddenFoldersChangeNothing()
    {
        var before = Take(null);
        _disk.Write("Rock/Beatles/cover.jpg", [1, 2, 3]);
        _disk.Write("Rock/Beatles/.DS_Store", [0]);
        _disk.Write("Rock/Beatles/03 - New.mp3.part", [0]);
        _disk.AddTrack(".Trash/01 - Gone.mp3");
        _disk.AddTrack("Rock/@eaDir/01 - Thumb.mp3");

        Assert.Empty(FolderSnapshot.Changed(before, Take(before)));
    }

    [Fact]
    public void AnIgnoreFileThatExcludesFilesChangesTheirFolderAndExcludedPathsChangeNothing()
    {
        var before = Take(null);
        _disk.Write("Jazz/.nomarrignore", "*.ogg\nOuttakes/\n"u8.ToArray());
        var excluded = Take(before);
        _disk.AddTrack("Jazz/Outtakes/01 - Take 2.mp3");

        Assert.Equal(["Jazz/Miles"], FolderSnapshot.Changed(before, excluded));
        Assert.Empty(FolderSnapshot.Changed(excluded, Take(excluded)));
    }

    [Fact]
    public void AVanishedRootIsAnErrorNotFoldersThatWentAway()
    {
        var before = Take(null);
        Directory.Move(_disk.Root, _disk.Root + ".gone");
        try
        {
            Assert.Throws<DirectoryNotFoundException>(() => Take(before));
        }
        finally
        {
            Directory.Move(_disk.Root + ".gone", _disk.Root);
        }
    }

    [Fact]
    public void ARootEmptiedLikeAnUnmountedShareIsAnErrorNotFoldersThatWentAway()
    {
        var before = Take(null);
        Directory.Move(_disk.Root, _disk.Root + ".share");
        Directory.CreateDirectory(_disk.Root);
        try
        {
            var error = Assert.Throws<DirectoryNotFoundException>(() => Take(before));
            Assert.Contains("empty", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(_disk.Root);
            Directory.Move(_disk.Root + ".share", _disk.Root);
        }
    }

    [Fact]
    public void EachListedFileIsAStepOfProgress()
    {
        var progress = new PollProgress();

        _round.Take(_disk.Root, null, progress, default);

        Assert.Equal(4, progress.Steps);
    }

    private FolderSnapshot Take(FolderSnapshot? previous) => _round.Take(_disk.Root, previous, new PollProgress(), default);
}
