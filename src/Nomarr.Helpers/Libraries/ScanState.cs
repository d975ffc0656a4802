namespace Nomarr.Helpers.Libraries;

/// <summary>The scan columns of a library.</summary>
public sealed record ScanState(DateTimeOffset? LastScanStartedAt, DateTimeOffset? LastScanAt, bool FullScanInProgress)
{
    /// <summary>
    /// A scan started and never completed: it is running now, or it died. Callers tell the two
    /// apart with the scan lease.
    /// </summary>
    public bool IsUnfinished => LastScanStartedAt is { } started && (LastScanAt is not { } done || started > done);
}
