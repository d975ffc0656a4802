using Nomarr.Workflows.Watching;

namespace Nomarr.UnitTests.Watching;

public class PollScheduleTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public void ARoundWithinATenthOfThePeriodKeepsThePeriod()
    {
        Assert.Equal(Minute, PollSchedule.NextWait(Minute, TimeSpan.FromSeconds(2)));
        Assert.Equal(Minute, PollSchedule.NextWait(Minute, TimeSpan.FromSeconds(6)));
    }

    [Fact]
    public void ALongerRoundWaitsTenTimesItsDuration() =>
        Assert.Equal(TimeSpan.FromSeconds(90), PollSchedule.NextWait(Minute, TimeSpan.FromSeconds(9)));
}
