namespace Nomarr.Workflows.Scanning;

/// <summary>The interrupted runs a scan takes over, and the folders they had been asked to scan.</summary>
public sealed record ResumePlan(long? ResumedFrom, IReadOnlyList<long> RunIds, IReadOnlyList<string> Folders);
