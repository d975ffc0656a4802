namespace Nomarr.Helpers.Scanning;

/// <summary>What became of a scan request: it starts now, or it waits for the running scan of its library.</summary>
public enum ScanRequestStatus
{
    Running,
    Queued,
}
