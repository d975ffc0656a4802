namespace Nomarr.Services.Scanning;

/// <summary>What a cancel request did.</summary>
public enum CancelOutcome
{
    /// <summary>The scan stops at its next batch.</summary>
    Cancelling,

    /// <summary>The scan was queued and is dropped before it started.</summary>
    Cancelled,

    NotFound,

    /// <summary>The scan has finished already.</summary>
    AlreadyFinished,

    /// <summary>The scan runs in another process (a `nomarr scan`), which cannot be stopped from here.</summary>
    RunningElsewhere,
}
