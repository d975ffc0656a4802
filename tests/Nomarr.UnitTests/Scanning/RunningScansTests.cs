using Nomarr.Services.Scanning;

namespace Nomarr.UnitTests.Scanning;

public sealed class RunningScansTests
{
    [Fact]
    public void ALibraryIsRunningUntilItsLastScanHereEnds()
    {
        var scans = new RunningScans();
        var first = scans.Enter(1);
        using var cancel = new CancellationTokenSource();
        var second = scans.Enter(1, 7, cancel);

        first.Dispose();
        Assert.True(scans.IsRunning(1));
        second.Dispose();

        Assert.False(scans.IsRunning(1));
        Assert.False(scans.TryCancel(7));
    }

    [Fact]
    public void ACancelReachesTheScanOfThatIdAndNoOther()
    {
        var scans = new RunningScans();
        using var mine = new CancellationTokenSource();
        using var other = new CancellationTokenSource();
        using var a = scans.Enter(1, 7, mine);
        using var b = scans.Enter(2, 8, other);

        Assert.True(scans.TryCancel(7));

        Assert.True(mine.IsCancellationRequested);
        Assert.False(other.IsCancellationRequested);
        Assert.True(scans.IsRunning(2));
    }

    [Fact]
    public void AScanThatEndedOrRunsWithoutAnIdCannotBeCancelledHere()
    {
        var scans = new RunningScans();
        using var cancel = new CancellationTokenSource();
        scans.Enter(1, 7, cancel).Dispose();
        using var unnamed = scans.Enter(2);

        Assert.False(scans.TryCancel(7));
        Assert.False(cancel.IsCancellationRequested);
        Assert.True(scans.IsRunning(2));
    }

    [Fact]
    public void EndingAScanTwiceEndsItOnce()
    {
        var scans = new RunningScans();
        using var other = scans.Enter(1);
        var entry = scans.Enter(1);

        entry.Dispose();
        entry.Dispose();

        Assert.True(scans.IsRunning(1));
    }
}
