namespace Nomarr.Persistence;

/// <summary>
/// Word from the database that scans or libraries changed, written by any process sharing it
/// (PostgreSQL: LISTEN/NOTIFY). An engine without it only waits: readers poll on the timeout.
/// </summary>
public interface IScanSignals
{
    /// <summary>True for a signal (or one that may have been missed, after a reconnection); false once <paramref name="timeout"/> passed without one.</summary>
    Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken);
}
