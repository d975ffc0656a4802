using Microsoft.Extensions.Time.Testing;
using Nomarr.Helpers.Libraries;
using Nomarr.IntegrationTests.Infrastructure;

namespace Nomarr.IntegrationTests.Persistence;

public sealed class SqliteScanStateTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly NomarrTestHost _host;

    public SqliteScanStateTests() => _host = new NomarrTestHost(time: _time);

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task AScanThatStartedAndNeverCompletedIsInterrupted()
    {
        var library = await AddAsync();
        await _host.LibraryRepository.MarkScanStartedAsync(library.Id, fullScan: true, Start, default);

        var (interrupted, full) = await _host.LibraryRepository.CheckInterruptedScanAsync(library.Id, Start.AddMinutes(1), default);

        Assert.True(interrupted);
        Assert.True(full);
    }

    [Fact]
    public async Task ACompletedScanIsNotInterrupted()
    {
        var library = await AddAsync();
        await _host.LibraryRepository.MarkScanStartedAsync(library.Id, fullScan: false, Start, default);
        await _host.LibraryRepository.MarkScanCompletedAsync(library.Id, Start.AddSeconds(5), default);

        var (interrupted, _) = await _host.LibraryRepository.CheckInterruptedScanAsync(library.Id, Start.AddMinutes(1), default);
        var state = await _host.LibraryRepository.GetScanStateAsync(library.Id, default);

        Assert.False(interrupted);
        Assert.Equal(Start.AddSeconds(5), state?.LastScanAt);
        Assert.Equal(Start, state?.LastScanStartedAt);
        Assert.False(state?.FullScanInProgress);
    }

    [Fact]
    public async Task AScanStartedAfterTheLastCompletedOneIsInterruptedWhenItsLeaseHasLapsed()
    {
        var library = await AddAsync();
        await _host.LibraryRepository.MarkScanStartedAsync(library.Id, false, Start, default);
        await _host.LibraryRepository.MarkScanCompletedAsync(library.Id, Start.AddSeconds(1), default);
        await _host.LibraryRepository.TryAcquireScanLeaseAsync(library.Id, "other", Start.AddSeconds(2), Start.AddSeconds(62), default);
        await _host.LibraryRepository.MarkScanStartedAsync(library.Id, true, Start.AddSeconds(2), default);

        var whileLeased = await _host.LibraryRepository.CheckInterruptedScanAsync(library.Id, Start.AddSeconds(30), default);
        var afterLapse = await _host.LibraryRepository.CheckInterruptedScanAsync(library.Id, Start.AddSeconds(90), default);

        Assert.False(whileLeased.WasInterrupted);
        Assert.Equal((true, true), afterLapse);
    }

    [Fact]
    public async Task ALeaseIsExclusiveUntilItExpiresOrIsReleased()
    {
        var library = await AddAsync();
        var repo = _host.LibraryRepository;

        Assert.True(await repo.TryAcquireScanLeaseAsync(library.Id, "a", Start, Start.AddSeconds(60), default));
        Assert.False(await repo.TryAcquireScanLeaseAsync(library.Id, "b", Start.AddSeconds(30), Start.AddSeconds(90), default));
        Assert.True(await repo.TryAcquireScanLeaseAsync(library.Id, "a", Start.AddSeconds(30), Start.AddSeconds(90), default));
        Assert.True(await repo.TryAcquireScanLeaseAsync(library.Id, "b", Start.AddSeconds(91), Start.AddSeconds(150), default));
        await repo.ReleaseScanLeaseAsync(library.Id, "b", default);
        Assert.True(await repo.TryAcquireScanLeaseAsync(library.Id, "c", Start.AddSeconds(92), Start.AddSeconds(150), default));
    }

    [Fact]
    public async Task UpsertBatchReturnsExactInsertedAndUpdatedCounts()
    {
        var library = await AddAsync();
        var files = _host.FileRepository;
        FileRecord Record(string path, string title) => new(path, 10, 1_000, new AudioTags { Title = title }, null);

        var first = await files.UpsertBatchAsync(library.Id, 1, [Record("a.mp3", "A"), Record("b.mp3", "B")], Start, default);
        var second = await files.UpsertBatchAsync(library.Id, 2, [Record("b.mp3", "B2"), Record("c.mp3", "C"), Record("d.mp3", "D")], Start, default);

        Assert.Equal(new Nomarr.Persistence.UpsertCounts(2, 0), first);
        Assert.Equal(new Nomarr.Persistence.UpsertCounts(2, 1), second);
        var b = (await files.QueryAsync(new FileQuery(library.Id, Text: "b2"), default)).Items.Single();
        Assert.Equal(2, b.LastSeenScanId);
    }

    [Theory]
    [InlineData("élan")]
    [InlineData("ÉLAN")]
    [InlineData("Élan")]
    public async Task TextSearchIgnoresTheCaseOfLettersBeyondAscii(string text)
    {
        var library = await AddAsync();
        await _host.FileRepository.UpsertBatchAsync(library.Id, 1, [new FileRecord("a.mp3", 10, 1_000, new AudioTags { Title = "ÉLAN VITAL" }, null)], Start, default);

        var found = await _host.FileRepository.QueryAsync(new FileQuery(library.Id, Text: text), default);

        Assert.Equal(["a.mp3"], found.Items.Select(f => f.Path));
    }

    [Fact]
    public async Task UpsertCountsStayExactWhenAnotherLibraryWroteTheNewestRows()
    {
        var first = await AddAsync();
        var second = await AddAsync();
        var files = _host.FileRepository;
        FileRecord Record(string path) => new(path, 10, 1_000, AudioTags.Empty, null);
        await files.UpsertBatchAsync(first.Id, 1, [Record("a.mp3")], Start, default);
        await files.UpsertBatchAsync(second.Id, 2, [Record("a.mp3"), Record("b.mp3")], Start, default);

        var counts = await files.UpsertBatchAsync(first.Id, 3, [Record("a.mp3"), Record("b.mp3")], Start, default);

        Assert.Equal(new Nomarr.Persistence.UpsertCounts(1, 1), counts);
        Assert.Equal(2, (await files.QueryAsync(new FileQuery(first.Id), default)).Total);
    }

    [Fact]
    public async Task ALibraryHasValidFilesOnlyWhileOneIsNotMissing()
    {
        var library = await AddAsync();
        var other = await AddAsync();
        var files = _host.FileRepository;
        await files.UpsertBatchAsync(other.Id, 1, [new("a.mp3", 1, 1, AudioTags.Empty, null)], Start, default);
        Assert.False(await files.HasValidAsync(library.Id, default));

        await files.UpsertBatchAsync(library.Id, 2, [new("a.mp3", 1, 1, AudioTags.Empty, null)], Start, default);
        Assert.True(await files.HasValidAsync(library.Id, default));

        var ids = (await files.QueryAsync(new FileQuery(library.Id), default)).Items.Select(f => f.Id).ToList();
        await files.MarkMissingAsync(library.Id, [""], ids, Start, default);
        Assert.False(await files.HasValidAsync(library.Id, default));
    }

    [Fact]
    public async Task MarkMissingLeavesFilesOutsideTheGivenFoldersAlone()
    {
        var library = await AddAsync();
        var files = _host.FileRepository;
        await files.UpsertBatchAsync(library.Id, 1, [new("Rock/a.mp3", 1, 1, AudioTags.Empty, null), new("Jazz/b.mp3", 1, 1, AudioTags.Empty, null)], Start, default);
        var ids = (await files.QueryAsync(new FileQuery(library.Id), default)).Items.Select(f => f.Id).ToList();

        var changed = await files.MarkMissingAsync(library.Id, ["Rock"], ids, Start, default);

        Assert.Equal(1, changed);
        var missing = (await files.QueryAsync(new FileQuery(library.Id, Missing: true), default)).Items;
        Assert.Equal("Rock/a.mp3", Assert.Single(missing).Path);
    }

    [Fact]
    public async Task FolderQueriesAreExactForNamesWithLikeWildcards()
    {
        var library = await AddAsync();
        await _host.FileRepository.UpsertBatchAsync(
            library.Id, 1,
            [new("100%/a.mp3", 1, 1, AudioTags.Empty, null), new("100x/b.mp3", 1, 1, AudioTags.Empty, null), new("A_B/c.mp3", 1, 1, AudioTags.Empty, null), new("AxB/d.mp3", 1, 1, AudioTags.Empty, null)],
            Start, default);

        var percent = await _host.FileRepository.QueryAsync(new FileQuery(library.Id, Folder: "100%"), default);
        var underscore = await _host.FileRepository.QueryAsync(new FileQuery(library.Id, Folder: "A_B"), default);

        Assert.Equal("100%/a.mp3", Assert.Single(percent.Items).Path);
        Assert.Equal("A_B/c.mp3", Assert.Single(underscore.Items).Path);
    }

    private async Task<Library> AddAsync()
    {
        var root = Directory.CreateTempSubdirectory("nomarr-root-").FullName;
        return await _host.LibraryRepository.AddAsync("x", root, WatchMode.Off, null, Start, default);
    }
}
