namespace Nomarr.Http.Events;

/// <summary>Why an event stream ended.</summary>
internal enum EventStreamEnd
{
    /// <summary>The client went away, or the service is stopping.</summary>
    Closed,

    /// <summary>A write did not complete within the write timeout: the client stopped reading.</summary>
    Stalled,

    /// <summary>A write failed.</summary>
    Failed,
}
