using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Scanning;
using Nomarr.IntegrationTests.Infrastructure;

namespace Nomarr.IntegrationTests.Scanning;

public sealed class IgnoreFileTests : LibraryTest
{
    [Fact]
    public async Task WildcardsFoldersAndNegationsOfTheRootIgnoreFileAreHonoured()
    {
        File.WriteAllText(Disk.FullPath(".nomarrignore"), "# rips to keep out\n*.wav\nLive/\n!keep.wav\n");
        Copy(".mp3", "Studio/a.mp3");
        Copy(".mp3", "Studio/Live.mp3");
        Copy(".mp3", "Live/b.mp3");
        Copy(".mp3", "Band/Live/c.mp3");
        Copy(".mp3", "Studio/rip.wav");
        Copy(".mp3", "Studio/keep.wav");
        var library = await AddLibraryAsync();

        await App.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);

        Assert.Equal(["Studio/Live.mp3", "Studio/a.mp3", "Studio/keep.wav"], await PathsAsync(library, valid: true));
    }

    [Fact]
    public async Task AnIgnoreFileAppliesToItsOwnSubtreeAndADeeperOneOverridesIt()
    {
        File.WriteAllText(Disk.FullPath(".nomarrignore"), "*.wav\n");
        Directory.CreateDirectory(Disk.FullPath("Rock"));
        Directory.CreateDirectory(Disk.FullPath("Jazz"));
        File.WriteAllText(Disk.FullPath("Rock/.nomarrignore"), "*.flac\n");
        File.WriteAllText(Disk.FullPath("Jazz/.nomarrignore"), "!*.wav\n");
        Copy(".flac", "Rock/a.flac");
        Copy(".mp3", "Rock/b.wav");
        Copy(".flac", "Jazz/c.flac");
        Copy(".mp3", "Jazz/d.wav");
        Copy(".mp3", "e.wav");
        var library = await AddLibraryAsync();

        await App.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);

        Assert.Equal(["Jazz/c.flac", "Jazz/d.wav"], await PathsAsync(library, valid: true));
    }

    [Fact]
    public async Task AFileExcludedAfterItWasStoredIsMarkedMissingByTheNextScanOfItsFolder()
    {
        Disk.AddTrack("Live/a.mp3");
        Disk.AddTrack("Live/b.mp3");
        Disk.AddTrack("Studio/c.mp3");
        var library = await AddLibraryAsync();
        await App.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);

        File.WriteAllText(Disk.FullPath(".nomarrignore"), "Live/\n");
        var result = await App.Scans.ScanAsync([new ScanTarget(library.Id, "Live")], allowMassMissing: false, null, default);

        Assert.Equal(0, result.FilesScanned);
        Assert.Equal(2, result.FilesMissing);
        Assert.Equal(["Live/a.mp3", "Live/b.mp3"], await PathsAsync(library, valid: false));
        Assert.Equal(["Studio/c.mp3"], await PathsAsync(library, valid: true));
    }

    private void Copy(string fixture, string relative)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Disk.FullPath(relative))!);
        File.Copy(TempLibrary.Fixture(fixture), Disk.FullPath(relative));
    }

    private Task<Library> AddLibraryAsync() => App.Libraries.AddAsync(Disk.Root, "Test", watch: false, default);

    private async Task<IReadOnlyList<string>> PathsAsync(Library library, bool valid) =>
        (await App.Files.QueryAsync(new FileQuery(library.Id, Missing: !valid, Limit: 10_000), default)).Items
            .Select(f => f.Path).Order(StringComparer.Ordinal).ToList();
}
