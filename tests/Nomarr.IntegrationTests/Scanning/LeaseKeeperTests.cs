using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Nomarr.IntegrationTests.Infrastructure;
using Nomarr.Workflows.Scanning;

namespace Nomarr.IntegrationTests.Scanning;

/// <summary>The lease keeper of a scan on a real SQLite file and fake time: each renewal is one tick of the clock.</summary>
public sealed class LeaseKeeperTests : IDisposable
{
    private static readonly TimeSpan LeaseFor = TimeSpan.FromMinutes(3);

    private readonly NomarrTestHost _host = new();
    private readonly TempLibrary _disk = new();
    private readonly RecordingTime _time = new(DateTimeOffset.UtcNow);

    public void Dispose()
    {
        _host.Dispose();
        _disk.Dispose();
    }

    [Fact]
    public async Task ARenewalThatFailsIsLoggedOnceAndTheScanGoesOn()
    {
        var library = await _host.Libraries.AddAsync(_disk.Root, null, watch: false, default);
        var claim = await _host.ClaimAsync(library.Id);
        var logger = new FakeLogger();
        await using var keeper = new LeaseKeeper(_host.Ledger, claim, LeaseFor, _time, logger, default);

        // Without its runs table the database fails the renewal, as a broken one would.
        await DatabaseTable.RenameAsync(_host.DatabasePath, "scan_runs", "scan_runs_away");
        _time.Advance(LeaseFor / 3);
        await WatchedHost.WaitForAsync(() => Task.FromResult(logger.Collector.Count > 0 ? logger.Collector.LatestRecord : null), "the failed renewal to be logged");

        var logged = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Warning, logged.Level);
        Assert.Contains($"Scan {claim.RunId} could not renew its lease on library {library.Id}", logged.Message, StringComparison.Ordinal);
        Assert.NotNull(logged.Exception);
        Assert.False(keeper.Token.IsCancellationRequested);
        Assert.Null(keeper.LostReason);
    }
}
