using Nomarr.Helpers.Errors;
using Nomarr.Helpers.Scanning;
using Nomarr.Persistence;
using Nomarr.Services.Scanning;

namespace Nomarr.UnitTests.Scanning;

public sealed class ScanRetryPolicyTests
{
    [Fact]
    public void ALibraryHeldElsewhereIsTriedAgainAfterTheBusyDelayWithNothingPublished()
    {
        var ending = ScanRetryPolicy.Of(new ScanAlreadyRunningException(1), stopping: false, cancelled: false, claimed: false);

        Assert.Equal(ScanRetryPolicy.BusyRetryDelay, ending?.RetryAfter);
        Assert.Null(ending?.Status);
    }

    [Fact]
    public void AShutdownInterruptsAClaimedRunAndACancelCancelsIt()
    {
        var shutdown = ScanRetryPolicy.Of(new OperationCanceledException(), stopping: true, cancelled: true, claimed: true);
        var cancel = ScanRetryPolicy.Of(new OperationCanceledException(), stopping: false, cancelled: true, claimed: true);

        Assert.Equal(ScanRunStatus.Interrupted, shutdown?.Status);
        Assert.Equal(ScanRunStatus.Cancelled, cancel?.Status);
        Assert.Null(shutdown?.RetryAfter);
        Assert.Null(cancel?.RetryAfter);
    }

    [Fact]
    public void ALostLeaseIsAnInterruptionThatIsLogged()
    {
        var ending = ScanRetryPolicy.Of(new LeaseLostException("gone"), stopping: false, cancelled: false, claimed: true);

        Assert.Equal(ScanRunStatus.Interrupted, ending?.Status);
        Assert.True(ending?.Log);
    }

    [Fact]
    public void AnErrorFailsAClaimedRunWithoutRetryAndBeforeAClaimPublishesNothing()
    {
        var claimed = ScanRetryPolicy.Of(new IOException("disk"), stopping: false, cancelled: false, claimed: true);
        var unclaimed = ScanRetryPolicy.Of(new IOException("disk"), stopping: false, cancelled: false, claimed: false);

        Assert.Equal(ScanRunStatus.Failed, claimed?.Status);
        Assert.Null(claimed?.RetryAfter);
        Assert.Null(unclaimed?.Status);
        Assert.True(unclaimed?.Log);
    }

    [Fact]
    public void ACancellationNobodyAskedForIsNotTheWorkersToHandle()
    {
        Assert.Null(ScanRetryPolicy.Of(new OperationCanceledException(), stopping: false, cancelled: false, claimed: true));
    }
}
