using System.Diagnostics;
using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Scanning;
using Nomarr.IntegrationTests.Infrastructure;

namespace Nomarr.IntegrationTests.Reliability;

/// <summary>Files with audio names that are not audio files: none may hang a scan or fail it for the others.</summary>
[Trait("Category", "Reliability")]
public sealed class HostileFileTests : LibraryTest
{
    [Fact]
    public async Task AFifoNamedLikeAnMp3IsSkippedAsAFifoAndTheScanGoesOn()
    {
        Disk.AddTrack("A/good.mp3");
        Posix.MakeFifo(Disk.FullPath("A/x.mp3"));

        var result = await ScanAsync();

        Assert.Equal(1, result.FilesAdded);
        Assert.Equal(1, result.FilesSkipped);
        var skipped = Assert.Single(result.Failures);
        Assert.Equal(("A/x.mp3", "skipped", "not a regular file: fifo"), (skipped.Path, skipped.Kind, skipped.Reason));
        Assert.Equal(["A/good.mp3"], await PathsAsync());
    }

    [Fact]
    public async Task LinksToDevicesAndASocketAreSkippedWithTheirKind()
    {
        Disk.AddTrack("A/good.flac");
        Directory.CreateDirectory(Disk.FullPath("B"));
        File.CreateSymbolicLink(Disk.FullPath("B/zero.mp3"), "/dev/zero");
        File.CreateSymbolicLink(Disk.FullPath("B/ptmx.flac"), "/dev/ptmx");
        using var socket = Posix.MakeSocket(Disk.FullPath("B/socket.ogg"));

        // Links out of the root are followed only with Scanner:Symlinks=all; by default they are not even looked at.
        using var app = new NomarrTestHost(new Dictionary<string, string?> { ["Scanner:Symlinks"] = "all" });
        var library = await app.Libraries.AddAsync(Disk.Root, "Test", watch: false, default);
        var result = await app.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);

        Assert.Equal(1, result.FilesAdded);
        Assert.Equal(3, result.FilesSkipped);
        Assert.Equal(
            [("B/ptmx.flac", "not a regular file: character device"), ("B/socket.ogg", "not a regular file: socket"), ("B/zero.mp3", "not a regular file: character device")],
            result.Failures.Select(f => (f.Path, f.Reason)).Order());
    }

    [Fact]
    public async Task AStoredFileReplacedByAFifoIsMarkedMissing()
    {
        Disk.AddTrack("A/one.mp3");
        Disk.AddTrack("A/two.mp3");
        await ScanAsync();
        Disk.Delete("A/two.mp3");
        Posix.MakeFifo(Disk.FullPath("A/two.mp3"));

        var result = await ScanAsync();

        Assert.Equal(1, result.FilesSkipped);
        Assert.Equal(1, result.FilesMissing);
    }

    [Fact]
    public async Task AReadStuckPastItsTimeoutIsAFailureOfKindTimeoutAndTheScanGoesOn()
    {
        using var app = new NomarrTestHost(new Dictionary<string, string?>
        {
            ["Scanner:Fingerprints"] = "true",
            ["Scanner:FpcalcPath"] = Posix.HangingFpcalc(Disk.Root),
            ["Scanner:FileReadTimeoutSeconds"] = "1",
        });
        Disk.AddTrack("A/one.mp3");
        Disk.AddTrack("A/two.ogg");
        var library = await app.Libraries.AddAsync(Disk.FullPath("A"), "A", watch: false, default);

        var result = await app.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);

        Assert.Equal(2, result.FilesFailed);
        Assert.All(result.Failures, f => Assert.Equal("timeout", f.Kind));
        Assert.Equal(0, result.FilesMissing);
        var run = await app.History.GetAsync(result.ScanId, default);
        Assert.Equal(ScanRunStatus.Completed, run?.Status);
    }

    [Fact]
    public async Task CancellingAScanWhoseReadIsStuckEndsItWithinSeconds()
    {
        using var app = new NomarrTestHost(new Dictionary<string, string?>
        {
            ["Scanner:Fingerprints"] = "true",
            ["Scanner:FpcalcPath"] = Posix.HangingFpcalc(Disk.Root),
            ["Scanner:FileReadTimeoutSeconds"] = "600",
        });
        Disk.AddTrack("A/one.mp3");
        var library = await app.Libraries.AddAsync(Disk.FullPath("A"), "A", watch: false, default);
        using var cancel = new CancellationTokenSource();

        var scan = app.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, cancel.Token);
        while (!File.Exists(Path.Combine(Disk.Root, "fpcalc-hangs.reading")))
        {
            Assert.False(scan.IsCompleted, "the scan ended before its read started");
            await Task.Delay(50);
        }

        var stopwatch = Stopwatch.StartNew();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => scan);
        Assert.InRange(stopwatch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(30));
        var runs = await app.History.ListAsync(library.Id, 5, default);
        Assert.Equal(ScanRunStatus.Cancelled, runs[0].Status);
    }

    private async Task<ScanResult> ScanAsync()
    {
        var libraries = await App.Libraries.ListAsync(default);
        var library = libraries.Count > 0 ? libraries[0] : await App.Libraries.AddAsync(Disk.Root, "Test", watch: false, default);
        return await App.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);
    }

    private async Task<List<string>> PathsAsync() =>
        [.. (await App.Files.QueryAsync(new FileQuery(null, Limit: 1000), default)).Items.Where(f => f.Valid).Select(f => f.Path)];
}

/// <summary>.nomarrignore files that would hang a walk or fill memory: regular files of at most 64 KiB only.</summary>
[Trait("Category", "Reliability")]
public sealed class HostileIgnoreFileTests : LibraryTest
{
    [Fact]
    public async Task AnIgnoreFileThatIsAFifoALinkToDevZeroOrTooLargeIsReportedAndNotUsed()
    {
        Disk.AddTrack("Fifo/a.wav.mp3");
        Posix.MakeFifo(Disk.FullPath("Fifo/.nomarrignore"));
        Disk.AddTrack("Zero/b.mp3");
        File.CreateSymbolicLink(Disk.FullPath("Zero/.nomarrignore"), "/dev/zero");
        Disk.AddTrack("Big/c.mp3");
        Disk.Write("Big/.nomarrignore", System.Text.Encoding.UTF8.GetBytes("*.mp3\n" + new string('#', 70 * 1024)));
        Disk.AddTrack("Fine/d.mp3");
        Disk.AddTrack("Fine/e.flac");
        Disk.Write("Fine/.nomarrignore", "*.flac\n"u8.ToArray());
        var library = await App.Libraries.AddAsync(Disk.Root, "Test", watch: false, default);

        var result = await App.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);

        Assert.Equal(4, result.FilesAdded);
        var reports = result.Failures.Where(f => f.Kind == "ignore_file").OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        Assert.Equal(["Big/.nomarrignore", "Fifo/.nomarrignore", "Zero/.nomarrignore"], reports.Select(r => r.Path));
        Assert.Contains("larger than 64 KiB", reports[0].Reason, StringComparison.Ordinal);
        Assert.Contains("not a regular file", reports[1].Reason, StringComparison.Ordinal);
        Assert.Contains("not a regular file", reports[2].Reason, StringComparison.Ordinal);
        var paths = (await App.Files.QueryAsync(new FileQuery(library.Id), default)).Items.Select(f => f.Path);
        Assert.Equal(["Big/c.mp3", "Fifo/a.wav.mp3", "Fine/d.mp3", "Zero/b.mp3"], paths);
    }
}
