namespace Nomarr.Persistence.Postgres;

/// <summary>
/// timestamptz keeps microseconds and rounds what it is given: a time is cut to whole microseconds
/// before it is written, so that a value read back never lies after the one the caller holds.
/// </summary>
internal static class PgTime
{
    public static DateTimeOffset Write(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return utc.AddTicks(-(utc.Ticks % 10));
    }

    public static object WriteNullable(DateTimeOffset? value) => value is { } v ? Write(v) : DBNull.Value;
}
