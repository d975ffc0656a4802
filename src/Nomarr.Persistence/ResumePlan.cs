namespace Nomarr.Persistence;

/// <summary>
/// The runs a library's next scan resumes (those after its last completed run that did not complete),
/// the newest of them, and the folders they had been asked to scan, collapsed.
/// </summary>
public sealed record ResumePlan(long ResumedFrom, IReadOnlyList<long> RunIds, IReadOnlyList<string> Folders)
{
    /// <summary>Whether one of the runs failed (rather than being cancelled or interrupted).</summary>
    public bool IncludesFailed { get; init; }
}
