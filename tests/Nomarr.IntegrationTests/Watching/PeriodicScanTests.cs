using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Nomarr.Helpers.Options;
using Nomarr.IntegrationTests.Infrastructure;
using Nomarr.Persistence;
using Nomarr.Services.Scanning;
using Nomarr.Services.Watching;

namespace Nomarr.IntegrationTests.Watching;

/// <summary>The periodic full scan on fake time: a day passes in a call to Advance.</summary>
public sealed class PeriodicScanTests : IDisposable
{
    private readonly TempLibrary _disk = new();
    private readonly RecordingTime _time = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
    private readonly NomarrTestHost _host;

    public PeriodicScanTests() => _host = new NomarrTestHost(time: _time);

    public void Dispose()
    {
        _host.Dispose();
        _disk.Dispose();
    }

    [Fact]
    public async Task EveryLibraryIsScannedInFullOncePerPeriod()
    {
        _disk.AddTrack("A/01.mp3");
        var library = await _host.Libraries.AddAsync(_disk.Root, null, watch: false, default);
        using var completed = new System.Collections.Concurrent.BlockingCollection<ScanCompletedEventArgs>();
        _host.Services.GetRequiredService<ScanOutcomePublisher>().ScanCompleted += (_, e) => completed.Add(e);
        using var periodic = Create(hours: 24);
        await periodic.StartAsync(default);
        var day = TimeSpan.FromHours(24);

        // Timers fire inside Advance, so these counts are exact; the scans they start are awaited.
        _time.Advance(TimeSpan.FromHours(23));
        Assert.Equal(0, _time.TimesFired(day));
        _time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, _time.TimesFired(day));
        var first = await NextAsync(completed);
        _time.Advance(day);
        var second = await NextAsync(completed);

        Assert.Equal((library.Id, true, 1), (first.LibraryId, first.Result?.FullScan, first.Result?.FilesAdded));
        Assert.Equal((library.Id, true, 1), (second.LibraryId, second.Result?.FullScan, second.Result?.FilesUnchanged));
        var runs = await _host.History.ListAsync(library.Id, 10, default);
        Assert.Equal([_time.Start + (2 * day), _time.Start + day], runs.Select(r => r.StartedAt));
        await periodic.StopAsync(default);
    }

    private static Task<ScanCompletedEventArgs> NextAsync(System.Collections.Concurrent.BlockingCollection<ScanCompletedEventArgs> completed) =>
        Task.Run(() => completed.TryTake(out var e, WatchedHost.Patience) ? e : throw new TimeoutException("No scan completed."));

    [Fact]
    public async Task APeriodThatFailsIsLoggedAndTheNextOneScansAgain()
    {
        _disk.AddTrack("A/01.mp3");
        var library = await _host.Libraries.AddAsync(_disk.Root, null, watch: false, default);
        var completed = new TaskCompletionSource<ScanCompletedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        _host.Services.GetRequiredService<ScanOutcomePublisher>().ScanCompleted += (_, e) => completed.TrySetResult(e);
        var errors = new ErrorLogger();
        using var periodic = Create(hours: 24, errors);
        await periodic.StartAsync(default);

        // Without its queue table the database refuses every scan request, as a broken database would.
        await DatabaseTable.RenameAsync(_host.DatabasePath, "pending_scan_targets", "pending_scan_targets_away");
        _time.Advance(TimeSpan.FromHours(24));
        await errors.First.WaitAsync(WatchedHost.Patience);
        await DatabaseTable.RenameAsync(_host.DatabasePath, "pending_scan_targets_away", "pending_scan_targets");
        _time.Advance(TimeSpan.FromHours(24));
        var scan = await completed.Task.WaitAsync(WatchedHost.Patience);

        Assert.Equal(library.Id, scan.LibraryId);
        Assert.Equal(1, scan.Result?.FilesAdded);
        await periodic.StopAsync(default);
    }

    [Fact]
    public async Task ZeroHoursQueuesNoScanHoweverManyDaysPass()
    {
        _disk.AddTrack("A/01.mp3");
        var library = await _host.Libraries.AddAsync(_disk.Root, null, watch: false, default);
        using var periodic = Create(hours: 0);

        await periodic.StartAsync(default);
        for (var day = 0; day < 7; day++)
        {
            _time.Advance(TimeSpan.FromDays(1));
        }

        // No timer was set, so nothing can fire later either: what is stored now is final.
        Assert.Equal(0, _time.TimersSet);
        Assert.True(periodic.Completion.IsCompletedSuccessfully);
        Assert.Null(await _host.Services.GetRequiredService<IPendingScanRepository>().GetAsync(library.Id, default));
        Assert.Empty(await _host.History.ListAsync(library.Id, 10, default));
        await periodic.StopAsync(default);
    }

    private PeriodicScanService Create(double hours, ILogger<PeriodicScanService>? logger = null) =>
        new(
            _host.Libraries,
            _host.Services.GetRequiredService<ScanIntake>(),
            Options.Create(new ScannerOptions { PeriodicScanHours = hours }),
            _time,
            logger ?? NullLogger<PeriodicScanService>.Instance);

    /// <summary>Completes <see cref="First"/> at the first error logged.</summary>
    private sealed class ErrorLogger : ILogger<PeriodicScanService>
    {
        private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task First => _first.Task;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error)
            {
                _first.TrySetResult();
            }
        }
    }
}
