namespace Nomarr.Helpers.Libraries;

/// <summary>Conversions between .NET times and the nanoseconds since the Unix epoch that Nomarr stores for mtimes.</summary>
public static class UnixTime
{
    private const long NanosPerTick = 100;

    public static long ToNanos(DateTime utc) => (utc.ToUniversalTime() - DateTime.UnixEpoch).Ticks * NanosPerTick;

    public static DateTimeOffset FromNanos(long nanos) => new(DateTime.UnixEpoch.AddTicks(nanos / NanosPerTick), TimeSpan.Zero);
}
