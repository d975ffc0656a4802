namespace Nomarr.Workflows.Watching;

/// <summary>How far a poll round got, read by another thread to tell a slow round from one stuck on a dead mount.</summary>
public sealed class PollProgress
{
    private long _steps;

    /// <summary>Files listed so far (and one for the root check).</summary>
    public long Steps => Interlocked.Read(ref _steps);

    internal void Step() => Interlocked.Increment(ref _steps);
}
