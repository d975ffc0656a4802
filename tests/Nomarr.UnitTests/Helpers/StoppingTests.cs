using Nomarr.Helpers.Errors;

namespace Nomarr.UnitTests.Helpers;

public sealed class StoppingTests
{
    [Fact]
    public void OnlyTheCancellationOfTheLoopsOwnStoppingTokenStopsIt()
    {
        using var stopping = new CancellationTokenSource();
        using var elsewhere = new CancellationTokenSource();
        elsewhere.Cancel();
        var timedOut = new OperationCanceledException(elsewhere.Token);

        Assert.True(timedOut.IsNotStop(stopping.Token));
        Assert.True(new TaskCanceledException().IsNotStop(stopping.Token));
        Assert.True(new IOException("disk").IsNotStop(stopping.Token));

        stopping.Cancel();
        Assert.False(new OperationCanceledException(stopping.Token).IsNotStop(stopping.Token));
        Assert.False(timedOut.IsNotStop(stopping.Token));
        Assert.True(new IOException("disk").IsNotStop(stopping.Token));
    }
}
