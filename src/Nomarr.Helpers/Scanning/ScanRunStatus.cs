namespace Nomarr.Helpers.Scanning;

public enum ScanRunStatus
{
    Running,
    Completed,
    Failed,

    /// <summary>
    /// Stopped before its end (the process died, or the service shut down) and not resumed yet; the
    /// library's next scan, or the next start of the service, covers its folders again.
    /// </summary>
    Interrupted,

    /// <summary>Stopped on request: what it wrote stays, and nothing was marked missing.</summary>
    Cancelled,

    /// <summary>An interrupted scan that a later scan has resumed and completed.</summary>
    Resumed,

    /// <summary>Requested and waiting for its library; <see cref="ScanRun.StartedAt"/> is when it was queued until it starts.</summary>
    Queued,
}
