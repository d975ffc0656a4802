namespace Nomarr.Workflows.Watching;

/// <summary>
/// A folder is scanned once it has been quiet for <see cref="QuietPeriod"/>, or at the latest
/// <see cref="MaxWait"/> after its first event; more than <see cref="MaxTargets"/> folders become a full scan.
/// </summary>
public sealed record DebounceSettings(TimeSpan QuietPeriod, TimeSpan MaxWait, int MaxTargets);
