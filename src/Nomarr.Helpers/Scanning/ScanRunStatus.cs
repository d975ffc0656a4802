namespace Nomarr.Helpers.Scanning;

public enum ScanRunStatus
{
    Running,
    Completed,
    Failed,
    /// <summary>The process died mid-scan (or it was cancelled or failed), and no later scan has resumed it yet.</summary>
    Interrupted,
    Cancelled,

    /// <summary>An interrupted scan that a later scan has resumed and completed.</summary>
    Resumed,
}
