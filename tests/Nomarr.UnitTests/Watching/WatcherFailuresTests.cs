using Nomarr.Workflows.Watching;

namespace Nomarr.UnitTests.Watching;

public class WatcherFailuresTests
{
    [Fact]
    public void TheWatchLimitIsRecognisedByItsErrnoAndTheReasonNamesTheSettingAndItsValue()
    {
        var kind = WatcherFailures.Classify(new IOException("The configured user limit (8192) on the number of inotify watches has been reached", 28));
        var reason = WatcherFailures.Describe(kind, "/music", "8192", null);

        Assert.Equal(WatcherFailureKind.WatchLimit, kind);
        Assert.Contains("fs.inotify.max_user_watches is 8192", reason, StringComparison.Ordinal);
        Assert.Contains("sysctl", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AQueueOverflowIsRecognised() =>
        Assert.Equal(WatcherFailureKind.BufferOverflow, WatcherFailures.Classify(new InternalBufferOverflowException()));

    [Fact]
    public void AVanishedRootIsRecognisedAndNamed()
    {
        var kind = WatcherFailures.Classify(new DirectoryNotFoundException("/music"));

        Assert.Equal(WatcherFailureKind.RootVanished, kind);
        Assert.Contains("/music", WatcherFailures.Describe(kind, "/music", null, null), StringComparison.Ordinal);
    }

    [Fact]
    public void RetriesBackOffUpToAMinute()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), WatcherFailures.RetryDelay(0));
        Assert.Equal(TimeSpan.FromSeconds(4), WatcherFailures.RetryDelay(2));
        Assert.Equal(TimeSpan.FromMinutes(1), WatcherFailures.RetryDelay(40));
    }
}
