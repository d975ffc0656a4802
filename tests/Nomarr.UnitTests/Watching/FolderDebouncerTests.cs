using Microsoft.Extensions.Time.Testing;
using Nomarr.Workflows.Watching;

namespace Nomarr.UnitTests.Watching;

/// <summary>The debounce on fake time: every step is a call to Advance, never a sleep.</summary>
public sealed class FolderDebouncerTests : IDisposable
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
    private readonly List<IReadOnlyList<string>> _scans = [];
    private readonly Dictionary<string, DateTimeOffset> _lastWrites = [];
    private readonly FolderDebouncer _debouncer;

    public FolderDebouncerTests() => _debouncer = Create(maxTargets: 500);

    public void Dispose() => _debouncer.Dispose();

    [Fact]
    public void TenRapidEventsTriggerExactlyOneScan()
    {
        for (var i = 0; i < 10; i++)
        {
            _debouncer.Add("Rock/Beatles");
            _time.Advance(TimeSpan.FromMilliseconds(150));
        }

        _time.Advance(Quiet);
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal([["Rock/Beatles"]], _scans);
    }

    [Fact]
    public void NothingIsScannedBeforeTheFolderHasBeenQuietForTheQuietPeriod()
    {
        _debouncer.Add("A");
        _time.Advance(TimeSpan.FromSeconds(1.5));
        _debouncer.Add("A");
        _time.Advance(TimeSpan.FromSeconds(1.9));

        Assert.Empty(_scans);
        _time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Single(_scans);
    }

    [Fact]
    public void EventsSpacedWiderThanTheQuietPeriodTriggerOneScanEach()
    {
        for (var i = 0; i < 3; i++)
        {
            _debouncer.Add("A");
            _time.Advance(Quiet + TimeSpan.FromSeconds(0.5));
        }

        Assert.Equal(3, _scans.Count);
    }

    [Fact]
    public void AContinuousStreamIsCutAtTheMaximumWait()
    {
        // An event every second for 45 s: never quiet, so only the maximum wait lets a scan through.
        for (var second = 0; second < 45; second++)
        {
            _debouncer.Add("Incoming");
            _time.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(second < 29 ? 0 : 1, _scans.Count);
        }

        _time.Advance(Quiet);
        Assert.Equal(2, _scans.Count);
    }

    [Fact]
    public void ABusyFolderDoesNotHoldBackAQuietOne()
    {
        _debouncer.Add("Quiet");
        for (var i = 0; i < 10; i++)
        {
            _debouncer.Add("Busy");
            _time.Advance(TimeSpan.FromMilliseconds(500));
        }

        Assert.Equal([["Quiet"]], _scans);
    }

    [Fact]
    public void ParentAndChildFoldersBecomeOneTargetForTheParent()
    {
        _debouncer.Add("Rock/Beatles/Help");
        _debouncer.Add("Rock");
        _debouncer.Add("Rock/Beatles");
        _debouncer.Add("Rock Live");
        _debouncer.Add("Jazz/Miles");

        _time.Advance(Quiet);

        Assert.Equal([["Jazz/Miles", "Rock", "Rock Live"]], _scans);
    }

    [Fact]
    public void MoreFoldersThanTheLimitBecomeOneFullScan()
    {
        using var debouncer = Create(maxTargets: 3);
        foreach (var folder in new[] { "A", "B", "C", "D" })
        {
            debouncer.Add(folder);
        }

        debouncer.Add("E");
        _time.Advance(Quiet);

        Assert.Equal([[""]], _scans);
        Assert.Equal(0, debouncer.PendingCount);
    }

    [Fact]
    public void FoldersUpToTheLimitAreScannedOneByOne()
    {
        using var debouncer = Create(maxTargets: 3);
        foreach (var folder in new[] { "A", "B", "C" })
        {
            debouncer.Add(folder);
        }

        _time.Advance(Quiet);

        Assert.Equal([["A", "B", "C"]], _scans);
    }

    [Fact]
    public void AFolderWhoseFilesWereWrittenWithinTheQuietPeriodWaitsUntilTheyAreStable()
    {
        _debouncer.Add("Slow");
        // The copy goes on without events (as on a network share): the last write is one second old.
        _lastWrites["Slow"] = _time.GetUtcNow() + TimeSpan.FromSeconds(1);

        _time.Advance(Quiet);
        Assert.Empty(_scans);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([["Slow"]], _scans);
    }

    [Fact]
    public void FlushHandsOverWhatIsStillWaiting()
    {
        _debouncer.Add("A");
        _debouncer.Add("B/C");

        _debouncer.FlushAll();

        Assert.Equal([["A", "B/C"]], _scans);
        _time.Advance(MaxWait);
        Assert.Single(_scans);
    }

    [Fact]
    public void ADisposedDebouncerScansNothing()
    {
        _debouncer.Add("A");
        _debouncer.Dispose();

        _time.Advance(MaxWait);

        Assert.Empty(_scans);
    }

    private FolderDebouncer Create(int maxTargets) =>
        new(
            7,
            new DebounceSettings(Quiet, MaxWait, maxTargets),
            _time,
            folder => _lastWrites.TryGetValue(folder, out var written) ? _time.GetUtcNow() - written : null,
            targets =>
            {
                Assert.All(targets, t => Assert.Equal(7, t.LibraryId));
                _scans.Add([.. targets.Select(t => t.FolderPath)]);
            });
}
