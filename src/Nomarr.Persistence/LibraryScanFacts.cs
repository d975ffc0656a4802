namespace Nomarr.Persistence;

/// <summary>
/// What the ledger records about one library's scans, read in one statement: its queued run, the
/// running run whose lease is live on the database's clock and who holds it, and whether runs since
/// the last completed one are left to resume. The scan state shown to users is computed from it alone.
/// </summary>
public sealed record LibraryScanFacts(long LibraryId, long? QueuedRunId, long? RunningRunId, string? RunningOwner, bool HasUnfinished);
