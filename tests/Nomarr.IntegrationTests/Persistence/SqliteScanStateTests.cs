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

    private async Task<Library> AddAsync()
    {
        var root = Directory.CreateTempSubdirectory("nomarr-root-").FullName;
        return await _host.LibraryRepository.AddAsync("x", root, WatchMode.Off, null, Start, default);
    }
}
