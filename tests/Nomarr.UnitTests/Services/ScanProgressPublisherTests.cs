using Microsoft.Extensions.Time.Testing;
using Nomarr.Helpers.Scanning;
using Nomarr.Services.Events;

namespace Nomarr.UnitTests.Services;

public sealed class ScanProgressPublisherTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly EventHub _hub = new();

    [Fact]
    public void ProgressIsSentAtMostFourTimesASecondButEveryPhaseChangeGoesOut()
    {
        using var events = _hub.Subscribe();
        var publisher = new ScanProgressPublisher(_hub, _time);

        publisher.Report(Progress(ScanPhase.Starting, 0));
        for (var i = 1; i <= 100; i++)
        {
            publisher.Report(Progress(ScanPhase.Writing, i));
        }

        _time.Advance(ScanProgressPublisher.MinInterval);
        publisher.Report(Progress(ScanPhase.Writing, 200));
        publisher.Report(Progress(ScanPhase.Writing, 201));
        publisher.Report(Progress(ScanPhase.MarkingMissing, 201));
        publisher.Report(Progress(ScanPhase.Finished, 201));

        var sent = Drain(events);
        Assert.Equal([(ScanPhase.Starting, 0), (ScanPhase.Writing, 1), (ScanPhase.Writing, 200), (ScanPhase.MarkingMissing, 201)], sent);
    }

    [Fact]
    public void TheRateIsFilesFoundPerSecondSinceTheScanStarted()
    {
        using var events = _hub.Subscribe();
        var publisher = new ScanProgressPublisher(_hub, _time);

        _time.Advance(TimeSpan.FromSeconds(2));
        publisher.Report(Progress(ScanPhase.Walking, 500));

        Assert.True(events.Reader.TryRead(out var e));
        Assert.Equal(250, ((ScanProgressEvent)e.Data).FilesPerSecond);
    }

    private static ScanProgress Progress(ScanPhase phase, int scanned) => new(7, 1, phase, scanned, scanned, scanned, scanned, 0, 0, "Rock");

    private static List<(ScanPhase, int)> Drain(EventSubscription events)
    {
        var sent = new List<(ScanPhase, int)>();
        while (events.Reader.TryRead(out var e))
        {
            var progress = (ScanProgressEvent)e.Data;
            sent.Add((progress.Phase, progress.FilesScanned));
        }

        return sent;
    }
}
