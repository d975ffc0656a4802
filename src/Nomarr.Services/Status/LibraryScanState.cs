namespace Nomarr.Services.Status;

public enum LibraryScanState
{
    Idle,

    /// <summary>A scan was requested and waits (for a free slot, or for the running scan).</summary>
    Queued,

    Scanning,

    /// <summary>The last scan started and never finished (a crash or a shutdown); it is resumed when the service starts.</summary>
    Interrupted,
}
