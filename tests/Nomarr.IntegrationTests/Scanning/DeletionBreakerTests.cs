using System.Diagnostics;
using Nomarr.Helpers.Errors;
using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Scanning;
using Nomarr.IntegrationTests.Infrastructure;

namespace Nomarr.IntegrationTests.Scanning;

public sealed class DeletionBreakerTests : IDisposable
{
    private readonly TempLibrary _disk = new();
    private readonly NomarrTestHost _host = new();

    public void Dispose()
    {
        _host.Dispose();
        _disk.Dispose();
    }

    [Fact]
    public async Task ARootRenamedAwayFailsTheScanAndLeavesTheDatabaseUnchanged()
    {
        var library = await ScannedLibraryAsync(3);
        var before = await SnapshotAsync(library);
        Directory.Move(_disk.Root, _disk.Root + "-unmounted");
        try
        {
            var error = await Assert.ThrowsAsync<InvalidLibraryRootException>(() => ScanAsync(library));

            Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
            Assert.Equal(before, await SnapshotAsync(library));
        }
        finally
        {
            Directory.Move(_disk.Root + "-unmounted", _disk.Root);
        }
    }

    [Fact]
    public async Task ARootReplacedByAFileFailsTheScanAndLeavesTheDatabaseUnchanged()
    {
        var library = await ScannedLibraryAsync(3);
        var before = await SnapshotAsync(library);
        Directory.Move(_disk.Root, _disk.Root + "-away");
        File.WriteAllText(_disk.Root, "not a folder");
        try
        {
            var error = await Assert.ThrowsAsync<InvalidLibraryRootException>(() => ScanAsync(library));

            Assert.Contains("not a folder", error.Message, StringComparison.Ordinal);
            Assert.Equal(before, await SnapshotAsync(library));
        }
        finally
        {
            File.Delete(_disk.Root);
            Directory.Move(_disk.Root + "-away", _disk.Root);
        }
    }

    [Fact]
    public async Task ARootReplacedByAnEmptyFolderFailsTheScanUntilConfirmed()
    {
        var library = await ScannedLibraryAsync(3);
        var before = await SnapshotAsync(library);
        Directory.Move(_disk.Root, _disk.Root + "-unmounted");
        Directory.CreateDirectory(_disk.Root);
        try
        {
            var error = await Assert.ThrowsAsync<ScanRefusedException>(() => ScanAsync(library));
            var unchanged = await SnapshotAsync(library);
            var confirmed = await _host.Libraries.ScanTargetsAsync([new ScanTarget(library.Id)], allowMassMissing: true, null, default);

            Assert.Contains("empty", error.Message, StringComparison.Ordinal);
            Assert.Contains("--allow-mass-missing", error.Message, StringComparison.Ordinal);
            Assert.Equal(before, unchanged);
            Assert.Equal(3, confirmed.FilesMissing);
        }
        finally
        {
            Directory.Delete(_disk.Root);
            Directory.Move(_disk.Root + "-unmounted", _disk.Root);
        }
    }

    [SkippableFact]
    public async Task ARootReplacedByAFolderOnAnotherFilesystemFailsTheScan()
    {
        var library = await ScannedLibraryAsync(3);
        var before = await SnapshotAsync(library);
        var saved = _disk.Root + "-unmounted";
        Directory.Move(_disk.Root, saved);
        Directory.CreateDirectory(_disk.Root);
        var mounted = await RunAsync("mount", "-t", "tmpfs", "-o", "size=16m", "nomarr-test", _disk.Root) == 0;
        try
        {
            Skip.IfNot(mounted, "cannot mount a tmpfs here (not root, or no mount permission)");
            foreach (var file in Directory.GetFiles(saved, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(_disk.Root, Path.GetRelativePath(saved, file));
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
                await RunAsync("umount", _disk.Root);
            }

            Directory.Delete(_disk.Root, recursive: true);
            Directory.Move(saved, _disk.Root);
        }
    }

    [Fact]
    public async Task DeletingSixtyPercentOfALibraryIsHeldBackUntilConfirmed()
    {
        var library = await ScannedLibraryAsync(100);
        var before = await SnapshotAsync(library);
        for (var i = 0; i < 60; i++)
        {
            _disk.Delete($"A/{i:000}.mp3");
        }

        var held = await ScanAsync(library);
        var afterHeld = await SnapshotAsync(library);
        var confirmed = await _host.Libraries.ScanTargetsAsync([new ScanTarget(library.Id)], allowMassMissing: true, null, default);

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
            _disk.Delete($"A/{i:000}.mp3");
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
            Directory.CreateDirectory(_disk.FullPath("A"));
            File.Copy(TempLibrary.Fixture(".mp3"), _disk.FullPath($"A/{i:000}.mp3"));
        }

        _disk.AddTrack("B/b.mp3");
        var library = await _host.Libraries.AddLibraryAsync(_disk.Root, "Test", watch: false, default);
        await ScanAsync(library);
        var before = await SnapshotAsync(library);
        var unplugged = false;

        // The walk reports progress every 500 files: by then folder A is being walked and B is not.
        var progress = new Progress(p =>
        {
            if (p.Phase == ScanPhase.Walking && !unplugged)
            {
                unplugged = true;
                Directory.Move(_disk.Root, _disk.Root + "-unplugged");
            }
        });
        try
        {
            await Assert.ThrowsAsync<InvalidLibraryRootException>(() =>
                _host.Workflow.RunAsync(library.Id, [new ScanTarget(library.Id, "A"), new ScanTarget(library.Id, "B")], null, progress));

            Assert.True(unplugged);
            Assert.Equal(before, await SnapshotAsync(library));
        }
        finally
        {
            if (unplugged)
            {
                Directory.Move(_disk.Root + "-unplugged", _disk.Root);
            }
        }
    }

    private async Task<Library> ScannedLibraryAsync(int files)
    {
        for (var i = 0; i < files; i++)
        {
            _disk.AddTrack($"A/{i:000}.mp3", title: $"Track {i}");
        }

        var library = await _host.Libraries.AddLibraryAsync(_disk.Root, "Test", watch: false, default);
        await ScanAsync(library);
        return await _host.Libraries.GetLibraryAsync(library.Id, default);
    }

    private Task<ScanResult> ScanAsync(Library library) => _host.Libraries.StartScanForLibraryAsync(library.Id, null, default);

    private async Task<IReadOnlyList<LibraryFile>> SnapshotAsync(Library library) =>
        (await _host.Libraries.QueryFilesAsync(new FileQuery(library.Id, Limit: 10_000), default)).Items;

    private sealed class Progress(Action<ScanProgress> callback) : IProgress<ScanProgress>
    {
        public void Report(ScanProgress value) => callback(value);
    }

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
