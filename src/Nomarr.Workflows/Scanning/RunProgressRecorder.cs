using Nomarr.Helpers.Scanning;
using Nomarr.Persistence;

namespace Nomarr.Workflows.Scanning;

/// <summary>
/// Passes a scan's progress on, and records it on its run at most once every <see cref="Interval"/>,
/// so that other nodes sharing the database show how far it is. One write at a time: a report that
/// arrives while one is written waits for the next interval. A write that fails is skipped; the
/// lease keeper, not this, decides whether the scan still holds its library.
/// </summary>
internal sealed class RunProgressRecorder(IScanLedger ledger, ScanClaim claim, IProgress<ScanProgress>? inner, TimeProvider time) : IProgress<ScanProgress>
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private long _lastWritten = long.MinValue;
    private int _writing;
    private Task _lastWrite = Task.CompletedTask;

    /// <summary>The latest write to the run (complete when none started); once it is complete, the next report may write.</summary>
    internal Task LastWrite => Volatile.Read(ref _lastWrite);

    public void Report(ScanProgress value)
    {
        inner?.Report(value);
        if (value.Phase == ScanPhase.Finished)
        {
            return;
        }

        var now = time.GetTimestamp();
        var last = Interlocked.Read(ref _lastWritten);
        if (last != long.MinValue && time.GetElapsedTime(last, now) < Interval || Interlocked.Exchange(ref _writing, 1) == 1)
        {
            return;
        }

        Interlocked.Exchange(ref _lastWritten, now);

        // On a thread of its own: an engine's "async" write may run synchronously, its wait for another
        // process's write lock included (SQLite's busy timeout), and the report comes from the walk or
        // the writer, which must not stop for it (docs/reliability.md).
        Volatile.Write(ref _lastWrite, Task.Run(() => WriteAsync(value), CancellationToken.None));
    }

    private async Task WriteAsync(ScanProgress value)
    {
        try
        {
            await ledger.RecordProgressAsync(claim, value, CancellationToken.None);
        }
#pragma warning disable CA1031 // Progress for other nodes is best effort: the scan goes on whatever happens to it.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
        finally
        {
            Volatile.Write(ref _writing, 0);
        }
    }
}
