using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Scanning;
using Nomarr.IntegrationTests.Infrastructure;

namespace Nomarr.IntegrationTests.Reliability;

/// <summary>Scanner:Symlinks: links out of the root, links to folders of the root, links into hidden folders.</summary>
[Trait("Category", "Reliability")]
public sealed class SymlinkTests : IDisposable
{
    private readonly TempLibrary _disk = new();
    private readonly TempLibrary _elsewhere = new();

    public void Dispose()
    {
        _disk.Dispose();
        _elsewhere.Dispose();
    }

    [Fact]
    public async Task ByDefaultFilesOutsideTheRootAreNotIndexedAndALinkedFolderIsIndexedOnce()
    {
        MakeLibrary();

        var paths = await ScanAsync(policy: null);

        Assert.Equal(["A/a.mp3", "B/b.flac"], paths);
    }

    [Fact]
    public async Task ByDefaultALinkIntoAHiddenFolderIsFollowedAndItsPathsStayTheSameFromScanToScan()
    {
        MakeLibrary();
        _disk.AddTrack(".stash/kept/k.ogg");
        Directory.CreateSymbolicLink(_disk.FullPath("Kept"), _disk.FullPath(".stash/kept"));
        File.CreateSymbolicLink(_disk.FullPath("B/linked.ogg"), _disk.FullPath(".stash/kept/k.ogg"));

        using var app = new NomarrTestHost();
        var library = await app.Libraries.AddAsync(_disk.Root, "Test", watch: false, default);
        var first = await app.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);
        var second = await app.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);

        Assert.Equal(4, first.FilesAdded);
        Assert.Equal(4, second.FilesUnchanged);
        Assert.Equal(0, second.FilesMissing + second.FilesAdded + second.FilesUpdated);
        var paths = (await app.Files.QueryAsync(new FileQuery(library.Id), default)).Items.Select(f => f.Path);
        Assert.Equal(["A/a.mp3", "B/b.flac", "B/linked.ogg", "Kept/k.ogg"], paths);
    }

    [Fact]
    public async Task NoneFollowsNoLink()
    {
        MakeLibrary();
        _disk.AddTrack(".stash/k.ogg");
        File.CreateSymbolicLink(_disk.FullPath("B/linked.ogg"), _disk.FullPath(".stash/k.ogg"));

        Assert.Equal(["A/a.mp3", "B/b.flac"], await ScanAsync("none"));
    }

    [Fact]
    public async Task AllFollowsEveryLinkAsBefore()
    {
        MakeLibrary();

        var paths = await ScanAsync("all");

        Assert.Equal(["A/a.mp3", "AgainA/a.mp3", "B/b.flac", "Linked/secret.flac"], paths);
    }

    /// <summary>A/a.mp3, B/b.flac; AgainA -> A; Linked -> a folder outside the root holding secret.flac.</summary>
    private void MakeLibrary()
    {
        _disk.AddTrack("A/a.mp3");
        _disk.AddTrack("B/b.flac");
        _elsewhere.AddTrack("secret.flac");
        Directory.CreateSymbolicLink(_disk.FullPath("AgainA"), _disk.FullPath("A"));
        Directory.CreateSymbolicLink(_disk.FullPath("Linked"), _elsewhere.Root);
    }

    private async Task<List<string>> ScanAsync(string? policy)
    {
        using var app = new NomarrTestHost(policy is null ? null : new Dictionary<string, string?> { ["Scanner:Symlinks"] = policy });
        var library = await app.Libraries.AddAsync(_disk.Root, "Test", watch: false, default);
        await app.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);
        return [.. (await app.Files.QueryAsync(new FileQuery(library.Id), default)).Items.Select(f => f.Path)];
    }
}
