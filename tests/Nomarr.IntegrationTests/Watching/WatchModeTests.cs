using System.Diagnostics;
using System.Globalization;
using Nomarr.Components.Watching;
using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Watching;
using Nomarr.IntegrationTests.Infrastructure;
using Nomarr.Services.Libraries;

namespace Nomarr.IntegrationTests.Watching;

/// <summary>What auto picks on this machine's real filesystems, and a poll round that hangs in the kernel (on a FUSE mount that stops answering).</summary>
public sealed class WatchModeTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("/dev/shm")]
    public async Task AutoWatchesALocalFolderWithInotifyAndNamesItsFilesystem(string? parent)
    {
        using var disk = new TempLibrary(parent);
        disk.AddTrack("A/01.mp3");
        var expected = FileSystemTypes.FromMagic(long.Parse(await StatAsync(disk.Root), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        await using var host = await WatchedHost.StartAsync();

        // Forced: /dev/shm is a system folder to the API, which is beside the point here.
        var library = await host.Libraries.AddAsync(disk.Root, null, WatchMode.Auto, null, LibraryRootRules.Forced, default);
        await host.WaitForStatusAsync(library.Id, WatcherStatus.Watching);
        await host.WaitForScanAsync(e => e.LibraryId == library.Id && e.Result?.FullScan == true);

        var state = host.Watcher.GetState(library.Id);
        Assert.False(expected.MissesRemoteChanges, $"{disk.Root} is on {expected.Name}");
        Assert.Equal(WatchMode.Inotify, state?.Mode);
        Assert.Equal($"auto: {disk.Root} is on {expected.Name}, a local filesystem", state?.ModeReason);
        Assert.Equal(expected, FileSystemTypes.Of(disk.Root));
        disk.AddTrack("A/02.mp3");
        await host.WaitForFileAsync(library.Id, "A/02.mp3", f => f.Valid);
    }

    [Fact]
    public async Task ALibraryTurnedOffSaysSoAndOneSwitchedToPollIsPolled()
    {
        using var disk = new TempLibrary();
        await using var host = await WatchedHost.StartAsync();
        var library = await host.AddWatchedLibraryAsync(disk.Root);

        await host.Libraries.UpdateAsync(library.Id, null, null, WatchMode.Off, null, default);
        var off = await host.WaitForStatusAsync(library.Id, WatcherStatus.Stopped);
        await host.Libraries.UpdateAsync(library.Id, null, null, WatchMode.Poll, 1, default);
        await WatchedHost.WaitForAsync(
            () => Task.FromResult(host.Watcher.GetState(library.Id) is { Mode: WatchMode.Poll, LastPollMs: not null } s ? s : null), "the library to be polled");

        Assert.Equal(WatchMode.Off, off.Mode);
        disk.AddTrack("B/01.mp3");
        await host.WaitForFileAsync(library.Id, "B/01.mp3", f => f.Valid);
    }

    [SkippableFact]
    public async Task ARoundThatHangsDegradesItsLibraryAloneAndItIsPolledAgainOnceItAnswers()
    {
        // A machine without the FUSE device cannot mount at all, in CI or not; a missing package is an install step.
        Skip.If(HangingMount.Unavailable is not null && (!IsCi || !File.Exists("/dev/fuse")), HangingMount.Unavailable);
        using var stuck = new TempLibrary();
        using var fine = new TempLibrary();
        stuck.AddTrack("A/01.mp3");
        fine.AddTrack("A/01.mp3");

        // The stuck library is seen through a FUSE mount that can stop answering, as a dead network share does.
        using var mount = await HangingMount.MountAsync(stuck.Root);
        await using var host = await WatchedHost.StartAsync(settings: new Dictionary<string, string?> { ["Watcher:PollTimeoutSeconds"] = "1" });
        var hung = await host.Libraries.AddAsync(mount.MountPoint, null, WatchMode.Poll, 1, LibraryRootRules.Forced, default);
        var other = await host.Libraries.AddAsync(fine.Root, null, WatchMode.Poll, 1, LibraryRootRules.Default, default);
        await host.WaitForStatusAsync(hung.Id, WatcherStatus.Watching);
        await host.WaitForStatusAsync(other.Id, WatcherStatus.Watching);
        await host.WaitForScanAsync(e => e.LibraryId == hung.Id && e.Result?.FullScan == true);
        await host.WaitForFileAsync(hung.Id, "A/01.mp3", f => f.Valid);

        mount.Hang();
        try
        {
            var degraded = await host.WaitForStatusAsync(hung.Id, WatcherStatus.Degraded);
            Assert.Contains("does not answer", degraded.Reason, StringComparison.Ordinal);

            fine.AddTrack("B/01.mp3");
            await host.WaitForFileAsync(other.Id, "B/01.mp3", f => f.Valid);
            Assert.Equal(WatcherStatus.Watching, host.Watcher.GetState(other.Id)?.Status);
            Assert.All(await host.FilesAsync(hung.Id), f => Assert.True(f.Valid, f.Path));
        }
        finally
        {
            mount.Answer();
        }

        await host.WaitForStatusAsync(hung.Id, WatcherStatus.Watching);
        stuck.AddTrack("B/01.mp3");
        await host.WaitForFileAsync(hung.Id, "B/01.mp3", f => f.Valid);
    }

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static async Task<string> StatAsync(string path) => (await RunAsync("stat", "-f", "-c", "%t", path)).Trim();

    private static async Task<string> RunAsync(string program, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, program + " failed: " + await process.StandardError.ReadToEndAsync());
        return output;
    }
}
