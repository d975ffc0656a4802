using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Scanning;
using Nomarr.IntegrationTests.Infrastructure;

namespace Nomarr.IntegrationTests.Reliability;

/// <summary>Folder sets of any size: they reach SQLite as data, and resumed sets are capped.</summary>
[Trait("Category", "Reliability")]
public sealed class ManyFoldersTests : LibraryTest
{
    private const int Folders = 1_100;

    [Fact]
    public async Task ATargetedScanOf1100FoldersScansThemAll()
    {
        var library = await AddFoldersAsync();

        var result = await App.Scans.ScanAsync(Targets(library.Id), allowMassMissing: false, null, default);

        Assert.False(result.FullScan);
        Assert.Equal(Folders, result.Targets.Count);
        Assert.Equal(Folders, result.FilesAdded);
        var again = await App.Scans.ScanAsync(Targets(library.Id), allowMassMissing: false, null, default);
        Assert.Equal(Folders, again.FilesUnchanged);
        Assert.Equal(0, again.FilesMissing);
    }

    [Fact]
    public async Task AMissingFileAmong1100TargetedFoldersIsMarkedMissingAndNoOther()
    {
        var library = await AddFoldersAsync();
        await App.Scans.ScanAsync(Targets(library.Id), allowMassMissing: false, null, default);
        Disk.Delete("Z/d0500/t.mp3");

        var result = await App.Scans.ScanAsync(Targets(library.Id), allowMassMissing: false, null, default);

        Assert.Equal(1, result.FilesMissing);
        var missing = await App.Files.QueryAsync(new FileQuery(library.Id, Missing: true), default);
        Assert.Equal(["Z/d0500/t.mp3"], missing.Items.Select(f => f.Path));
    }

    [Fact]
    public async Task AnInterruptedRunOf1100FoldersIsResumedAsAFullScan()
    {
        var library = await AddFoldersAsync();
        var interrupted = await LeaveUnfinishedRunAsync(library, [.. Targets(library.Id).Select(t => t.FolderPath)], ScanRunStatus.Cancelled);

        var result = await App.Scans.ScanAsync([new ScanTarget(library.Id, "Z/d0001")], allowMassMissing: false, null, default);

        Assert.Equal(interrupted, result.ResumedFrom);
        Assert.True(result.FullScan);
        Assert.Equal(Folders, result.FilesAdded);
        var next = await App.Scans.ScanAsync([new ScanTarget(library.Id, "Z/d0001")], allowMassMissing: false, null, default);
        Assert.Null(next.ResumedFrom);
        Assert.Equal(["Z/d0001"], next.Targets);
    }

    [Fact]
    public async Task AFailedTargetedRunIsResumedInFullNotInTheFormThatFailed()
    {
        var library = await AddFoldersAsync(count: 3);
        var failed = await LeaveUnfinishedRunAsync(library, ["Z/d0000", "Z/d0001"], ScanRunStatus.Failed);

        var result = await App.Scans.ScanAsync([new ScanTarget(library.Id, "Z/d0002")], allowMassMissing: false, null, default);

        Assert.Equal(failed, result.ResumedFrom);
        Assert.True(result.FullScan);
        Assert.Equal(3, result.FilesAdded);
    }

    [Fact]
    public async Task AnInterruptedRunOfFewFoldersIsStillResumedOnItsFolders()
    {
        var library = await AddFoldersAsync(count: 3);
        await LeaveUnfinishedRunAsync(library, ["Z/d0000"], ScanRunStatus.Cancelled);

        var result = await App.Scans.ScanAsync([new ScanTarget(library.Id, "Z/d0002")], allowMassMissing: false, null, default);

        Assert.False(result.FullScan);
        Assert.Equal(["Z/d0000", "Z/d0002"], result.Targets);
    }

    private static List<ScanTarget> Targets(long libraryId) =>
        [.. Enumerable.Range(0, Folders).Select(i => new ScanTarget(libraryId, $"Z/d{i:0000}"))];

    private async Task<Library> AddFoldersAsync(int count = Folders)
    {
        var fixture = TempLibrary.Fixture(".mp3");
        for (var i = 0; i < count; i++)
        {
            var folder = Disk.FullPath($"Z/d{i:0000}");
            Directory.CreateDirectory(folder);
            File.Copy(fixture, Path.Combine(folder, "t.mp3"));
        }

        return await App.Libraries.AddAsync(Disk.Root, "Test", watch: false, default);
    }

    private async Task<long> LeaveUnfinishedRunAsync(Library library, IReadOnlyList<string> targets, ScanRunStatus status)
    {
        var now = DateTimeOffset.UnixEpoch.AddYears(56);
        var claim = (await App.Ledger.TryStartAsync(library.Id, targets, "test", TimeSpan.FromMinutes(5), null, now, default)).Claim!;
        _ = status switch
        {
            ScanRunStatus.Failed => await App.Ledger.FailAsync(claim, "stopped", now, default),
            ScanRunStatus.Cancelled => await App.Ledger.CancelAsync(claim, now, default),
            _ => await App.Ledger.InterruptAsync(claim, "stopped", now, default),
        };
        return claim.RunId;
    }
}
