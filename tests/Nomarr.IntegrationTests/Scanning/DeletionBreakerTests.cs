using System.Diagnostics;
using Nomarr.Helpers.Errors;
using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Scanning;
using Nomarr.IntegrationTests.Infrastructure;

namespace Nomarr.IntegrationTests.Scanning;

public sealed class DeletionBreakerTests : LibraryTest
{
    [Fact]
    public async Task ARootRenamedAwayFailsTheScanAndLeavesTheDatabaseUnchanged()
    {
        var library = await ScannedLibraryAsync(3);
        var before = await SnapshotAsync(library);
        Directory.Move(Disk.Root, Disk.Root + "-unmounted");
        try
        {
            var error = await Assert.ThrowsAsync<InvalidLibraryRootException>(() => ScanAsync(library));

            Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
            Assert.Equal(before, await SnapshotAsync(library));
        }
        finally
        {
            Directory.Move(Disk.Root + "-unmounted", Disk.Root);
        }
    }

    [Fact]
    public async Task ARootReplacedByAFileFailsTheScanAndLeavesTheDatabaseUnchanged()
    {
        var library = await ScannedLibraryAsync(3);
        var before = await SnapshotAsync(library);
        Directory.Move(Disk.Root, Disk.Root + "-away");
        File.WriteAllText(Disk.Root, "not a folder");
        try
        {
            var error = await Assert.ThrowsAsync<InvalidLibraryRootException>(() => ScanAsync(library));

            Assert.Contains("not a folder", error.Message, StringComparison.Ordinal);
            Assert.Equal(before, await SnapshotAsync(library));
        }
        finally
        {
            File.Delete(Disk.Root);
            Directory.Move(Disk.Root + "-away", Disk.Root);
        }
    }

    [Fact]
    public async Task ARootReplacedByAnEmptyFolderFailsTheScanUntilConfirmed()
    {
        var library = await ScannedLibraryAsync(3);
        var before = await SnapshotAsync(library);
        Directory.Move(Disk.Root, Disk.Root + "-unmounted");
        Directory.CreateDirectory(Disk.Root);
        try
        {
            var error = await Assert.ThrowsAsync<ScanRefusedException>(() => ScanAsync(library));
            var unchanged = await SnapshotAsync(library);
            var confirmed = await App.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: true, null, default);

            Assert.Contains("empty", error.Message, StringComparison.Ordinal);
            Assert.Contains("--allow-mass-missing", error.Message, StringComparison.Ordinal);
            Assert.Equal(before, unchanged);
            Assert.Equal(3, confirmed.FilesMissing);
        }
        finally
        {
            Directory.Delete(Disk.Root);
            Directory.Move(Disk.Root + "-unmounted", Disk.Root);
        }
    }

    [SkippableFact]
    public async Task ARootReplacedByAFolderOnAnotherFilesystemFailsTheScan()
    {
        var library = await ScannedLibraryAsync(3);
        var before = await SnapshotAsync(library);
        var saved = Disk.Root + "-unmounted";
        Directory.Move(Disk.Root, saved);
        Directory.CreateDirectory(Disk.Root);
        var mounted = await RunAsync("mount", "-t", "tmpfs", "-o", "size=16m", "nomarr-test", Disk.Root) == 0;
        try
        {
            Skip.IfNot(mounted, "cannot mount a tmpfs here (not root, or no mount permission)");
            foreach (var file in Directory.GetFiles(saved, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(Disk.Root, Path.GetRelativePath(saved, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }

            var error = await Assert.ThrowsAsync<ScanRefusedException>(() => ScanAsync(library));

            Assert.Contains("another device", error.Message, StringComparison.Ordinal);
            Assert.Equal(before, await SnapshotAsync(library));
        }
        finally
        {
            if (mounted)
            {
                await RunAsync("umount", Disk.Root);
            }

            Directory.Delete(Disk.Root, recursive: true);
            Directory.Move(saved, Disk.Root);
        }
    }

    [Fact]
    public async Task DeletingSixtyPercentOfALibraryIsHeldBackUntilConfirmed()
    {
        var library = await ScannedLibraryAsync(100);
        var before = await SnapshotAsync(library);
        for (var i = 0; i < 60; i++)
        {
            Disk.Delete($"A/{i:000}.mp3");
        }

        var held = await ScanAsync(library);
        var afterHeld = await SnapshotAsync(library);
        var confirmed = await App.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: true, null, default);

        Assert.Equal(0, held.FilesMissing);
        Assert.Equal(60, held.MissingHeldBack);
        Assert.Contains("--allow-mass-missing", held.HeldBackReason, StringComparison.Ordinal);
        Assert.Equal(before, afterHeld);
        Assert.Equal(60, confirmed.FilesMissing);
        Assert.Equal(0, confirmed.MissingHeldBack);
        Assert.Equal(60, (await SnapshotAsync(library)).Count(f => !f.Valid));
    }

    [Fact]
    public async Task DeletingFortyPercentOfALibraryGoesThrough()
    {
        var library = await ScannedLibraryAsync(100);
        for (var i = 0; i < 40; i++)
        {
            Disk.Delete($"A/{i:000}.mp3");
        }

        var result = await ScanAsync(library);

        Assert.Equal(40, result.FilesMissing);
        Assert.Equal(0, result.MissingHeldBack);
        Assert.Null(result.HeldBackReason);
    }

    [Fact]
    public async Task ADriveUnpluggedDuringAScanMarksNothingMissing()
    {
        for (var i = 0; i < 600; i++)
        {
            Directory.CreateDirectory(Disk.FullPath("A"));
            File.Copy(TempLibrary.Fixture(".mp3"), Disk.FullPath($"A/{i:000}.mp3"));
        }

        Disk.AddTrack("B/b.mp3");
        var library = await App.Libraries.AddAsync(Disk.Root, "Test", watch: false, default);
        await ScanAsync(library);
        var before = await SnapshotAsync(library);
        var unplugged = false;

        // The walk reports progress every 500 files: by then folder A is being walked and B is not.
        var progress = new CallbackProgress(p =>
        {
            if (p.Phase == ScanPhase.Walking && !unplugged)
            {
                unplugged = true;
                Directory.Move(Disk.Root, Disk.Root + "-unplugged");
            }
        });
        try
        {
            await Assert.ThrowsAsync<InvalidLibraryRootException>(() =>
                App.Workflow.RunAsync(library.Id, [new ScanTarget(library.Id, "A"), new ScanTarget(library.Id, "B")], null, progress));

            Assert.True(unplugged);
            Assert.Equal(before, await SnapshotAsync(library));
        }
        finally
        {
            if (unplugged)
            {
                Directory.Move(Disk.Root + "-unplugged", Disk.Root);
            }
        }
    }

    [Fact]
    public async Task ATargetFolderThatCannotBeReachedIsNotTakenForGone()
    {
        Disk.AddTrack("A/Sub/01.mp3");
        var library = await ScannedLibraryAsync(3);
        var before = await SnapshotAsync(library);
        Directory.Move(Disk.FullPath("A"), Disk.FullPath("A-away"));

        // A link to itself: stat of "A/..." fails with ELOOP, not ENOENT (as root, the test cannot make EACCES).
        File.CreateSymbolicLink(Disk.FullPath("A"), Disk.FullPath("A"));
        try
        {
            var result = await App.Scans.ScanAsync([new ScanTarget(library.Id, "A/Sub")], allowMassMissing: false, null, default);

            Assert.Equal(0, result.FilesMissing);
            Assert.Equal(["A/Sub"], result.UnreadableFolders);
            Assert.Equal(before, await SnapshotAsync(library));
        }
        finally
        {
            File.Delete(Disk.FullPath("A"));
            Directory.Move(Disk.FullPath("A-away"), Disk.FullPath("A"));
        }
    }

    private async Task<Library> ScannedLibraryAsync(int files)
    {
        for (var i = 0; i < files; i++)
        {
            Disk.AddTrack($"A/{i:000}.mp3", title: $"Track {i}");
        }

        var library = await App.Libraries.AddAsync(Disk.Root, "Test", watch: false, default);
        await ScanAsync(library);
        return await App.Libraries.GetAsync(library.Id, default);
    }

    private Task<ScanResult> ScanAsync(Library library) => App.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);

    private async Task<IReadOnlyList<LibraryFile>> SnapshotAsync(Library library) =>
        (await App.Files.QueryAsync(new FileQuery(library.Id, Limit: 10_000), default)).Items;

    private static async Task<int> RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(start)!;
            await process.WaitForExitAsync();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }
}
