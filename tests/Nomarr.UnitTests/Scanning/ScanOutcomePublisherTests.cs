using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Nomarr.Helpers.Scanning;
using Nomarr.Persistence;
using Nomarr.Services.Events;
using Nomarr.Services.Scanning;

namespace Nomarr.UnitTests.Scanning;

public sealed class ScanOutcomePublisherTests
{
    private static readonly ScanClaim Claim = new(RunId: 7, LibraryId: 3, Owner: "here", Token: 1) { Folders = [""] };

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
    private readonly EventHub _events = new();
    private readonly CountingLogger _logger = new();

    [Fact]
    public void AStartIsPublishedWithTheClaimAndTheTimeOfTheClock()
    {
        using var subscription = _events.Subscribe();
        _time.Advance(TimeSpan.FromMinutes(3));

        Publisher().Started(Claim);

        var started = Assert.IsType<ScanStartedEvent>(Assert.Single(Drain(subscription), e => e.Type == EventTypes.ScanStarted).Data);
        Assert.Equal((7, 3, true), (started.ScanId, started.LibraryId, started.FullScan));
        Assert.Equal(_time.GetUtcNow(), started.StartedAt);
    }

    [Fact]
    public void ASubscriberThatThrowsIsLoggedAndTheOthersAndTheEventsStillGetTheOutcome()
    {
        var publisher = Publisher();
        using var subscription = _events.Subscribe();
        var seen = new List<ScanResult?>();
        publisher.ScanCompleted += (_, _) => throw new InvalidOperationException("a subscriber failed");
        publisher.ScanCompleted += (_, e) => seen.Add(e.Result);
        var result = new ScanResult { ScanId = 7, LibraryId = 3, FilesAdded = 2 };

        publisher.Finished(Claim, ScanRunStatus.Completed, result, null);

        var finished = Assert.Single(Drain(subscription), e => e.Type == EventTypes.ScanFinished);
        Assert.Equal(ScanRunStatus.Completed, Assert.IsType<ScanFinishedEvent>(finished.Data).Status);
        Assert.Equal([result], seen);
        Assert.Equal(1, _logger.Errors);
    }

    [Fact]
    public void AShutdownIsPublishedAsInterruptedButIsNoEndForSubscribers()
    {
        var publisher = Publisher();
        using var subscription = _events.Subscribe();
        var calls = 0;
        publisher.ScanCompleted += (_, _) => calls++;

        publisher.Finished(Claim, ScanRunStatus.Interrupted, null, new OperationCanceledException());

        Assert.Equal(ScanRunStatus.Interrupted, Assert.IsType<ScanFinishedEvent>(Assert.Single(Drain(subscription)).Data).Status);
        Assert.Equal(0, calls);
    }

    [Fact]
    public void ALostLeaseIsAnEndForSubscribers()
    {
        var publisher = Publisher();
        Exception? error = null;
        publisher.ScanCompleted += (_, e) => error = e.Error;

        publisher.Finished(Claim, ScanRunStatus.Interrupted, null, LeaseLostException.For(Claim));

        Assert.IsType<LeaseLostException>(error);
    }

    [Fact]
    public void AQueuedRunCancelledBeforeItStartedIsPublishedAsCancelled()
    {
        using var subscription = _events.Subscribe();

        Publisher().CancelledBeforeStart(7, 3);

        var finished = Assert.IsType<ScanFinishedEvent>(Assert.Single(Drain(subscription)).Data);
        Assert.Equal((7, 3, ScanRunStatus.Cancelled), (finished.ScanId, finished.LibraryId, finished.Status));
    }

    private ScanOutcomePublisher Publisher() => new(_events, _time, _logger);

    private static List<HubEvent> Drain(EventSubscription subscription)
    {
        var events = new List<HubEvent>();
        while (subscription.Reader.TryRead(out var e))
        {
            events.Add(e);
        }

        return events;
    }

    private sealed class CountingLogger : ILogger<ScanOutcomePublisher>
    {
        public int Errors { get; private set; }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error)
            {
                Errors++;
            }
        }
    }
}
