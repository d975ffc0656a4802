using Microsoft.Extensions.DependencyInjection;
using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Scanning;
using Nomarr.Helpers.Watching;
using Nomarr.IntegrationTests.Infrastructure;
using Nomarr.Persistence;

namespace Nomarr.IntegrationTests.Watching;

/// <summary>
/// Real inotify on a real temporary folder, the real services and a real database: each change on
/// disk must reach the database by itself, within the quiet period plus a (generous) margin.
/// </summary>
public sealed class FileWatcherTests : IAsyncLifetime
{
    private readonly TempLibrary _disk = new();
    private WatchedHost _host = null!;
    private Library _library = null!;

    public async Task InitializeAsync()
    {
        _disk.AddTrack("Rock/Beatles/01 - Help.mp3", title: "Help");
        _disk.AddTrack("Rock/Beatles/02 - Yesterday.flac", title: "Yesterday");
        _disk.AddTrack("Jazz/Miles/01 - So What.ogg", title: "So What");
        _host = await WatchedHost.StartAsync();
        _library = await _host.AddWatchedLibraryAsync(_disk.Root);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _disk.Dispose();
    }

    [Fact]
    public async Task AnAlbumCopiedInShowsUpInTheDatabase()
    {
        // Like `cp -r`: folders made and files written at once, before the new folders are watched.
        _disk.AddTrack("Pop/Abba/Gold/01 - Dancing Queen.mp3", title: "Dancing Queen");
        _disk.AddTrack("Pop/Abba/Gold/02 - Waterloo.m4a", title: "Waterloo");
        _disk.Write("Pop/Abba/Gold/cover.jpg", [1, 2, 3]);

        await _host.WaitForFileAsync(_library.Id, "Pop/Abba/Gold/01 - Dancing Queen.mp3", f => f.Valid && f.Tags.Title == "Dancing Queen");
        await _host.WaitForFileAsync(_library.Id, "Pop/Abba/Gold/02 - Waterloo.m4a", f => f.Valid && f.Tags.Title == "Waterloo");
    }

    [Fact]
    public async Task AnAlbumMovedInFromOutsideTheLibraryShowsUpInTheDatabase()
    {
        using var outside = new TempLibrary();
        outside.AddTrack("Gold/01 - Dancing Queen.mp3", title: "Dancing Queen");
        outside.AddTrack("Gold/CD2/01 - SOS.mp3", title: "SOS");

        Directory.Move(outside.FullPath("Gold"), _disk.FullPath("Gold"));

        await _host.WaitForFileAsync(_library.Id, "Gold/01 - Dancing Queen.mp3", f => f.Valid);
        await _host.WaitForFileAsync(_library.Id, "Gold/CD2/01 - SOS.mp3", f => f.Valid);
    }

    [Fact]
    public async Task ARetaggedFileShowsItsNewTags()
    {
        _disk.Retag("Rock/Beatles/01 - Help.mp3", title: "Help!", year: 1965);

        var file = await _host.WaitForFileAsync(_library.Id, "Rock/Beatles/01 - Help.mp3", f => f.Tags.Title == "Help!");

        Assert.Equal(1965, file.Tags.Year);
    }

    [Fact]
    public async Task ADeletedFileIsMarkedMissing()
    {
        _disk.Delete("Jazz/Miles/01 - So What.ogg");

        var file = await _host.WaitForFileAsync(_library.Id, "Jazz/Miles/01 - So What.ogg", f => !f.Valid);

        Assert.NotNull(file.MissingSince);
    }

    [Fact]
    public async Task ARenamedFileIsStoredUnderItsNewPathAndKeepsItsId()
    {
        var before = await StoredAsync("Rock/Beatles/02 - Yesterday.flac");
        File.Move(_disk.FullPath("Rock/Beatles/02 - Yesterday.flac"), _disk.FullPath("Rock/Beatles/02 - Yesterday (Remastered).flac"));

        var renamed = await _host.WaitForFileAsync(_library.Id, "Rock/Beatles/02 - Yesterday (Remastered).flac", f => f.Valid);

        Assert.Equal("Yesterday", renamed.Tags.Title);
        Assert.Equal(before.Id, renamed.Id);
        Assert.DoesNotContain(await _host.FilesAsync(_library.Id), f => f.Path == "Rock/Beatles/02 - Yesterday.flac");
    }

    [Fact]
    public async Task ARenamedAlbumFolderMovesAllItsFilesToTheNewPathWithTheirIds()
    {
        var help = await StoredAsync("Rock/Beatles/01 - Help.mp3");
        var yesterday = await StoredAsync("Rock/Beatles/02 - Yesterday.flac");

        Directory.Move(_disk.FullPath("Rock/Beatles"), _disk.FullPath("Rock/The Beatles"));

        var movedHelp = await _host.WaitForFileAsync(_library.Id, "Rock/The Beatles/01 - Help.mp3", f => f.Valid);
        var movedYesterday = await _host.WaitForFileAsync(_library.Id, "Rock/The Beatles/02 - Yesterday.flac", f => f.Valid);
        Assert.Equal(help.Id, movedHelp.Id);
        Assert.Equal(yesterday.Id, movedYesterday.Id);
        Assert.DoesNotContain(await _host.FilesAsync(_library.Id), f => f.Path.StartsWith("Rock/Beatles/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task IgnoredFilesTriggerNoScan()
    {
        var before = _host.Completed.Count;
        _disk.Write("Rock/.DS_Store", [0]);
        _disk.Write("Rock/Thumbs.db", [0]);
        _disk.Write("Rock/03 - New.mp3.part", [0]);
        // A file that does trigger, written last: once it is scanned, the others had their chance.
        _disk.AddTrack("Jazz/Miles/02 - Freddie.mp3");

        await _host.WaitForFileAsync(_library.Id, "Jazz/Miles/02 - Freddie.mp3", f => f.Valid);

        Assert.All(_host.Completed.Skip(before), e => Assert.Equal(["Jazz/Miles"], e.Result?.Targets));
    }

    [Fact]
    public async Task FilesExcludedByANomarrignoreTriggerNoScanUntilTheRuleIsRemoved()
    {
        var before = _host.Completed.Count;
        // Written aside and renamed into place: one event, so exactly one scan of Rock follows.
        _disk.Write("Rock/.nomarrignore.tmp", "*.ogg\n"u8.ToArray());
        File.Move(_disk.FullPath("Rock/.nomarrignore.tmp"), _disk.FullPath("Rock/.nomarrignore"));
        await _host.WaitForScanAsync(e => e.Result?.Targets.SequenceEqual(["Rock"]) == true, after: before);
        before = _host.Completed.Count;

        _disk.AddTrack("Rock/Beatles/03 - Live.ogg");
        _disk.AddTrack("Jazz/Miles/02 - Freddie.mp3");
        await _host.WaitForFileAsync(_library.Id, "Jazz/Miles/02 - Freddie.mp3", f => f.Valid);
        Assert.All(_host.Completed.Skip(before), e => Assert.Equal(["Jazz/Miles"], e.Result?.Targets));

        _disk.Write("Rock/.nomarrignore", "# nothing excluded\n"u8.ToArray());
        await _host.WaitForFileAsync(_library.Id, "Rock/Beatles/03 - Live.ogg", f => f.Valid);
    }

    [Fact]
    public async Task ChangesMadeWhileTheLibraryIsBeingScannedAreScannedAfterThatScan()
    {
        var reached = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var running = Task.Run(() => _host.Scans.ScanAsync([new ScanTarget(_library.Id, "Rock")], allowMassMissing: false, new HoldAtStart(reached, release.Task), default));
        await reached.Task.WaitAsync(WatchedHost.Patience);

        _disk.AddTrack("Jazz/Miles/02 - Freddie.mp3");
        var queuedWhileRunning = WatchedHost.WaitForAsync(
            async () => await PendingAsync() is { } pending && pending.Contains("Jazz/Miles") ? pending : null, "the change to be queued");
        await queuedWhileRunning;
        Assert.DoesNotContain(await _host.FilesAsync(_library.Id), f => f.Path == "Jazz/Miles/02 - Freddie.mp3");
        release.SetResult();
        await running;

        await _host.WaitForFileAsync(_library.Id, "Jazz/Miles/02 - Freddie.mp3", f => f.Valid);
    }

    [Fact]
    public async Task TurningWatchingOffStopsTheWatcherAndTurningItOnStartsItAgain()
    {
        await _host.Libraries.UpdateAsync(_library.Id, null, watch: false, watchMode: null, pollSeconds: null, default);
        var stopped = await _host.WaitForStatusAsync(_library.Id, WatcherStatus.Stopped);
        Assert.NotNull(stopped.Reason);

        await _host.Libraries.UpdateAsync(_library.Id, null, watch: true, watchMode: null, pollSeconds: null, default);
        await _host.WaitForStatusAsync(_library.Id, WatcherStatus.Watching);
        _disk.AddTrack("Jazz/Miles/02 - Freddie.mp3");
        await _host.WaitForFileAsync(_library.Id, "Jazz/Miles/02 - Freddie.mp3", f => f.Valid);
    }

    [Fact]
    public async Task ARemovedLibraryIsNoLongerWatched()
    {
        await _host.Libraries.RemoveAsync(_library.Id, default);

        await WatchedHost.WaitForAsync(() => Task.FromResult(_host.Watcher.GetState(_library.Id) is null ? "gone" : null), "the watcher to be gone");
    }

    private async Task<LibraryFile> StoredAsync(string path) => Assert.Single(await _host.FilesAsync(_library.Id), f => f.Path == path);

    private async Task<IReadOnlyList<string>?> PendingAsync()
    {
        var pending = _host.Services.GetRequiredService<IPendingScanRepository>();
        return (await pending.GetAsync(_library.Id, default))?.Folders;
    }

    private sealed class HoldAtStart(TaskCompletionSource reached, Task release) : IProgress<ScanProgress>
    {
        public void Report(ScanProgress value)
        {
            if (value.Phase == ScanPhase.Starting && reached.TrySetResult())
            {
                release.Wait(WatchedHost.Patience);
            }
        }
    }
}
