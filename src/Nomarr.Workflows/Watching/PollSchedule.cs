namespace Nomarr.Workflows.Watching;

/// <summary>When the next poll round of a library starts.</summary>
public static class PollSchedule
{
    /// <summary>
    /// The period, or ten times the last round's duration when that is longer: polling never takes
    /// more than a tenth of the time, however slow the share.
    /// </summary>
    public static TimeSpan NextWait(TimeSpan period, TimeSpan lastRound) => lastRound * 10 > period ? lastRound * 10 : period;
}
