using Nomarr.Helpers.Scanning;

namespace Nomarr.Http.Libraries;

/// <summary>The answer to a scan request: the run that covers it, running now or queued behind the running one.</summary>
public sealed record ScanAccepted(long ScanId, ScanRequestStatus Status);
