namespace Nomarr.Services.Status;

/// <summary>A library's scan state, computed by <see cref="ScanStates.Of"/>.</summary>
public enum LibraryScanState
{
    Idle,

    /// <summary>A scan was requested and waits (for a free slot, for the running scan, or for `nomarr serve`).</summary>
    Queued,

    /// <summary>Scanned by this process.</summary>
    Scanning,

    /// <summary>Scanned by another process sharing the database (its lease is live).</summary>
    ScanningElsewhere,

    /// <summary>A scan stopped before its end (a crash, a shutdown, a cancel, a failure); the library's next scan resumes it.</summary>
    Interrupted,
}
