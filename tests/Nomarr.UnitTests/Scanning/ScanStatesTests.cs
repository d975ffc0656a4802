using System.Diagnostics;
using Microsoft.Extensions.Options;
using Nomarr.Helpers.Options;
using Nomarr.Helpers.Scanning;
using Nomarr.Persistence;
using Nomarr.Services.Status;
using Nomarr.Workflows.Scanning;

namespace Nomarr.UnitTests.Scanning;

public sealed class ScanStatesTests
{
    private readonly ScanOwner _here = new(Options.Create(new NodeOptions()));

    [Fact]
    public void ARunningRunIsScanningHereScanningElsewhereOrInterruptedWhenItsLocalProcessIsGone()
    {
        var node = new NodeOptions().Name;
        var elsewhere = LeaseOwners.For(node, Environment.MachineName, Environment.ProcessId, "another-host-in-this-process");
        var dead = LeaseOwners.For(node, Environment.MachineName, ExitedProcessId(), "killed");

        Assert.Equal(LibraryScanState.Scanning, ScanStates.Of(Running(_here.Id), _here));
        Assert.Equal(LibraryScanState.ScanningElsewhere, ScanStates.Of(Running(elsewhere), _here));
        Assert.Equal(LibraryScanState.ScanningElsewhere, ScanStates.Of(Running(LeaseOwners.For(node, "other-machine", 1, "x")), _here));
        Assert.Equal(LibraryScanState.Interrupted, ScanStates.Of(Running(dead), _here));
    }

    [Fact]
    public void WithoutARunningRunAQueuedRunComesBeforeAnUnfinishedOne()
    {
        Assert.Equal(LibraryScanState.Queued, ScanStates.Of(new LibraryScanFacts(1, 5, null, null, true), _here));
        Assert.Equal(LibraryScanState.Interrupted, ScanStates.Of(new LibraryScanFacts(1, null, null, null, true), _here));
        Assert.Equal(LibraryScanState.Idle, ScanStates.Of(new LibraryScanFacts(1, null, null, null, false), _here));
    }

    [Fact]
    public void ARunningRunOfAGoneLocalProcessIsShownInterruptedAndEveryOtherRunAsRecorded()
    {
        var node = new NodeOptions().Name;
        var dead = LeaseOwners.For(node, Environment.MachineName, ExitedProcessId(), "killed");
        var elsewhere = LeaseOwners.For(node, "other-machine", 1, "x");

        var abandoned = ScanStates.Shown(Run(ScanRunStatus.Running, dead), _here);

        Assert.Equal((ScanRunStatus.Interrupted, null), (abandoned.Status, abandoned.Progress));
        Assert.NotNull(abandoned.Error);
        Assert.Equal(ScanRunStatus.Running, ScanStates.Shown(Run(ScanRunStatus.Running, _here.Id), _here).Status);
        Assert.Equal(ScanRunStatus.Running, ScanStates.Shown(Run(ScanRunStatus.Running, elsewhere), _here).Status);
        Assert.Equal(ScanRunStatus.Completed, ScanStates.Shown(Run(ScanRunStatus.Completed, dead), _here).Status);
    }

    private static ScanRun Run(ScanRunStatus status, string owner) =>
        new(7, 1, [""], true, DateTimeOffset.UnixEpoch, null, status, null, null)
        {
            Owner = owner,
            Progress = new ScanProgress(7, 1, ScanPhase.Writing, 10, 10, 5, 5, 1, 1, ""),
        };

    private static LibraryScanFacts Running(string owner) => new(1, null, 7, owner, true);

    private static int ExitedProcessId()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }
}
