namespace Nomarr.Helpers.Watching;

/// <summary>Whether changes in a library reach the database on their own.</summary>
public enum WatcherStatus
{
    /// <summary>Events arrive and are scanned.</summary>
    Watching,

    /// <summary>The watcher failed (see the reason); it is being re-created, and the library is scanned in full when it is back.</summary>
    Degraded,

    /// <summary>Nobody watches: watching is off for the library or for the service.</summary>
    Stopped,
}
