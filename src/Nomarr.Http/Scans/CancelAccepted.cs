namespace Nomarr.Http.Scans;

/// <summary>The answer to a cancel request: "cancelling" (stops at its next batch) or "cancelled" (it was still queued).</summary>
public sealed record CancelAccepted(long ScanId, string Status);
