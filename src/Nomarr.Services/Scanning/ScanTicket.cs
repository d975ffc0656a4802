using Nomarr.Helpers.Scanning;

namespace Nomarr.Services.Scanning;

/// <summary>A scan request's answer: the run that will cover it, and whether it starts now or waits for the running scan.</summary>
public sealed record ScanTicket(long ScanId, ScanRequestStatus Status);
