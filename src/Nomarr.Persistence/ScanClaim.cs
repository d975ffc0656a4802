namespace Nomarr.Persistence;

/// <summary>
/// A held scan of one library: its run, who holds it, and the fencing token of the claim. Every
/// write of the scan presents it, and is refused once the lease is lost (docs/decisions/0009-scan-ledger.md).
/// </summary>
public sealed record ScanClaim(long RunId, long LibraryId, string Owner, long Token)
{
    /// <summary>The folders the run covers ("" = the whole library), collapsed.</summary>
    public IReadOnlyList<string> Folders { get; init; } = [];

    public bool FullScan => Folders is [""];
}
