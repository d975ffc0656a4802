using System.Runtime.Versioning;
using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Scanning;
using Nomarr.IntegrationTests.Infrastructure;
using Nomarr.Workflows.Scanning;

namespace Nomarr.IntegrationTests.Reliability;

/// <summary>
/// Files and folders that change under a scan: a file that cannot be read, files deleted, truncated or
/// replaced between the walk and their read, a folder renamed during its scan. None fails the scan for
/// the others, and none is marked missing for what one scan could not see.
/// </summary>
/// <remarks>
/// The window between walk and read is held open without any hook in the product: a write lock on the
/// database, taken from the scan's progress callback before its first write, stops the writer and so,
/// through the bounded channels, the readers after a handful of files, while the walk goes on to its end.
/// The files are changed when the walk reports its last file, and the lock is released.
/// </remarks>
[Trait("Category", "Reliability")]
[SupportedOSPlatform("linux")]
public sealed class FileFaultTests : IDisposable
{
    private const int Folders = 50;
    private const int PerFolder = 20;
    private static readonly DateTime Touched = new(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly TempLibrary _disk = new();
    private readonly NomarrTestHost _app = new(new Dictionary<string, string?> { ["Database:BusyTimeoutSeconds"] = "300" });
    private readonly string _home = Directory.CreateTempSubdirectory("nomarr-faults-").FullName;

    public FileFaultTests() => File.SetUnixFileMode(_home, (UnixFileMode)0x1FF);

    public void Dispose()
    {
        _app.Dispose();
        _disk.Dispose();
        Directory.Delete(_home, recursive: true);
    }

    [SkippableFact]
    public async Task AFileThatCannotBeReadIsAFailureItsRecordIsKeptAndNothingIsMarkedMissing()
    {
        Skip.IfNot(Nobody.CanRun, Nobody.CannotRun);
        var nobody = new Nobody(_home, Path.Combine(_home, "nomarr.db"));
        _disk.AddTrack("A/open.mp3", title: "Open");
        _disk.AddTrack("A/closed.flac", title: "Closed");
        Assert.Equal(0, (await nobody.RunAsync("scan", _disk.Root)).ExitCode);
        _disk.Retag("A/closed.flac", title: "Retagged");
        File.SetUnixFileMode(_disk.FullPath("A/closed.flac"), UnixFileMode.None);
        _disk.AddTrack("A/new.ogg");

        var scan = await nobody.RunAsync("scan", "1", "--json");
        var files = await nobody.RunAsync("files", "--json");

        Assert.True(scan.ExitCode == 0, scan.Stderr);
        var result = scan.Json();
        Assert.Equal(1, result.GetProperty("files_added").GetInt32());
        Assert.Equal(0, result.GetProperty("files_missing").GetInt32());
        var failure = Assert.Single(result.GetProperty("failures").EnumerateArray());
        Assert.Equal("A/closed.flac", failure.GetProperty("path").GetString());
        Assert.Equal("unreadable", failure.GetProperty("kind").GetString());
        Assert.Contains("permission denied", failure.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var closed = files.Json().EnumerateArray().Single(f => f.GetProperty("path").GetString() == "A/closed.flac");
        Assert.Equal("Closed", closed.GetProperty("title").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, closed.GetProperty("missing_since").ValueKind);
    }

    [Fact]
    public async Task FilesDeletedTruncatedOrReplacedBetweenWalkAndReadAreReportedAndTheNextScanSetsThemRight()
    {
        var library = await ScannedLibraryAsync();
        string[] deleted = ["F03/05.mp3", "F17/11.mp3", "F29/00.mp3", "F41/19.mp3", "F48/07.mp3"];
        string[] truncated = ["F05/02.mp3", "F22/14.mp3", "F37/09.mp3"];
        string[] replaced = ["F09/03.mp3", "F31/16.mp3", "F44/12.mp3"];

        var result = await ScanChangingFilesAtTheEndOfTheWalkAsync(library, () =>
        {
            Array.ForEach(deleted, _disk.Delete);
            foreach (var path in truncated)
            {
                using var file = File.Open(_disk.FullPath(path), FileMode.Open, FileAccess.Write);
                file.SetLength(100);
            }

            foreach (var path in replaced)
            {
                var fresh = path.Replace(".mp3", ".new.mp3", StringComparison.Ordinal);
                _disk.AddTrack(fresh, title: "Replaced");
                File.Move(_disk.FullPath(fresh), _disk.FullPath(path), overwrite: true);
            }
        });

        // A file that vanished before its read is certainly gone: it, and only it, is marked missing now.
        Assert.InRange(result.FilesVanished, 1, deleted.Length);
        Assert.Equal(result.FilesVanished, result.FilesMissing);
        Assert.All(result.Failures.Where(f => f.Kind == "vanished"), f => Assert.Contains(f.Path, deleted));
        Assert.InRange(result.Failures.Count(f => f.Kind == "corrupt"), 1, truncated.Length);
        Assert.All(result.Failures.Where(f => f.Kind == "corrupt"), f => Assert.Contains(f.Path, truncated));

        // A file replaced by another (renamed over it) is read as the new file, never reported as failed.
        Assert.All(result.Failures, f => Assert.DoesNotContain(f.Path, replaced));

        var next = await _app.Workflow.RunAsync(library.Id, [new ScanTarget(library.Id)]);

        // A deleted file read before it went is marked missing by the next scan.
        Assert.Equal(deleted.Length - result.FilesVanished, next.FilesMissing);
        var missing = (await _app.Files.QueryAsync(new FileQuery(library.Id, Missing: true), default)).Items;
        Assert.Equal(deleted.Order(StringComparer.Ordinal), missing.Select(f => f.Path));
        var present = (await _app.Files.QueryAsync(new FileQuery(library.Id, Missing: false, Limit: 1000), default)).Items.ToDictionary(f => f.Path);
        Assert.All(truncated, p => Assert.True(present[p].ReadError is not null && present[p].Tags.Title!.StartsWith("Track ", StringComparison.Ordinal), p));
        Assert.All(replaced, p => Assert.Equal("Replaced", present[p].Tags.Title));
        Assert.Equal(await CleanScanAsync(), await StateAsync(_app, library.Id));
        Assert.Equal("ok", await DatabaseRows.IntegrityAsync(_app.DatabasePath));
    }

    [Fact]
    public async Task AFolderRenamedDuringItsScanLosesNoRecordAndTheNextScanFindsItMovedWithItsIds()
    {
        var library = await ScannedLibraryAsync();
        var before = (await _app.Files.QueryAsync(new FileQuery(library.Id, Folder: "F20"), default)).Items.ToDictionary(f => Path.GetFileName(f.Path), f => f.Id);

        var result = await ScanChangingFilesAtTheEndOfTheWalkAsync(library, () => Directory.Move(_disk.FullPath("F20"), _disk.FullPath("F20 renamed")));

        Assert.InRange(result.FilesVanished, 1, PerFolder);
        Assert.Equal(result.FilesVanished, result.FilesMissing);
        Assert.All(result.Failures, f => Assert.StartsWith("F20/", f.Path, StringComparison.Ordinal));

        var next = await _app.Workflow.RunAsync(library.Id, [new ScanTarget(library.Id)]);

        Assert.Equal(0, next.FilesMissing);
        Assert.Equal(PerFolder, next.FilesMoved);
        var after = (await _app.Files.QueryAsync(new FileQuery(library.Id, Folder: "F20 renamed"), default)).Items;
        Assert.Equal(before, after.ToDictionary(f => Path.GetFileName(f.Path), f => f.Id));
        Assert.Equal(await CleanScanAsync(), await StateAsync(_app, library.Id));
        Assert.Equal("ok", await DatabaseRows.IntegrityAsync(_app.DatabasePath));
    }

    /// <summary>A library of 1,000 stored files, each touched since, so that the next scan reads them all.</summary>
    private async Task<Library> ScannedLibraryAsync()
    {
        for (var folder = 0; folder < Folders; folder++)
        {
            for (var file = 0; file < PerFolder; file++)
            {
                _disk.AddTrack($"F{folder:00}/{file:00}.mp3", title: $"Track {folder}-{file}");
            }
        }

        var library = await _app.Libraries.AddAsync(_disk.Root, "Test", watch: false, default);
        await _app.Workflow.RunAsync(library.Id, [new ScanTarget(library.Id)]);
        foreach (var path in Directory.EnumerateFiles(_disk.Root, "*.mp3", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(path, Touched);
        }

        return library;
    }

    private async Task<ScanResult> ScanChangingFilesAtTheEndOfTheWalkAsync(Library library, Action change)
    {
        DatabaseWriteLock? held = null;
        var changed = false;
        var progress = new CallbackProgress(p =>
        {
            if (p.Phase == ScanPhase.Starting)
            {
                held = DatabaseWriteLock.Take(_app.DatabasePath);
            }
            else if (p.Phase == ScanPhase.Walking && p.FilesScanned == Folders * PerFolder && !changed)
            {
                changed = true;
                change();
                held?.Dispose();
            }
        });

        try
        {
            var result = await _app.Workflow.RunAsync(library.Id, [new ScanTarget(library.Id)], new ScanOptions(BatchSize: 1), progress);
            Assert.True(changed, "the walk never reported its last file");
            return result;
        }
        finally
        {
            if (!changed)
            {
                held?.Dispose();
            }
        }
    }

    /// <summary>What a scan of the same folder into a new database stores, for comparison.</summary>
    private async Task<List<string>> CleanScanAsync()
    {
        using var clean = new NomarrTestHost();
        var library = await clean.Libraries.AddAsync(_disk.Root, "Clean", watch: false, default);
        await clean.Workflow.RunAsync(library.Id, [new ScanTarget(library.Id)]);
        return await StateAsync(clean, library.Id);
    }

    /// <summary>
    /// Every present file as path, size, mtime, whether it could be read, and its title when it could
    /// (a file that became unreadable keeps the tags it had, which a new database never knew).
    /// </summary>
    private static async Task<List<string>> StateAsync(NomarrTestHost app, long libraryId) =>
        [.. (await app.Files.QueryAsync(new FileQuery(libraryId, Missing: false, Limit: 1000), default)).Items
            .Select(f => $"{f.Path}|{f.Size}|{f.Mtime.ToUnixTimeMilliseconds()}|{f.ReadError is null}|{(f.ReadError is null ? f.Tags.Title : "")}")];
}
