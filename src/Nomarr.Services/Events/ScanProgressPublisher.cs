using Nomarr.Helpers.Scanning;

namespace Nomarr.Services.Events;

/// <summary>
/// Turns one scan's progress reports into live scan_progress events, at most one every
/// <see cref="MinInterval"/> (a phase change always goes out). Reports come from several pipeline
/// threads; the throttle is a compare-and-swap on the time of the last event.
/// </summary>
internal sealed class ScanProgressPublisher(EventHub hub, TimeProvider time) : IProgress<ScanProgress>
{
    /// <summary>A few events per second: enough for a smooth bar, few enough for any client.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(250);

    private readonly long _started = time.GetTimestamp();
    private long _lastSent = long.MinValue;
    private int _lastPhase = -1;

    public void Report(ScanProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Phase == ScanPhase.Finished)
        {
            // The queue sends scan_started and scan_finished itself, with the targets and the result.
            return;
        }

        var now = time.GetTimestamp();
        var last = Interlocked.Read(ref _lastSent);
        var phaseChanged = Interlocked.Exchange(ref _lastPhase, (int)value.Phase) != (int)value.Phase;
        var due = last == long.MinValue || time.GetElapsedTime(last, now) >= MinInterval;
        if ((!due && !phaseChanged) || Interlocked.CompareExchange(ref _lastSent, now, last) != last)
        {
            return;
        }

        var seconds = time.GetElapsedTime(_started, now).TotalSeconds;
        hub.Publish(EventTypes.ScanProgress, new ScanProgressEvent(
            value.ScanId,
            value.LibraryId,
            value.Phase,
            value.FilesScanned,
            value.FilesToRead,
            value.FilesRead,
            value.FilesWritten,
            value.CurrentFolder,
            seconds > 0 ? Math.Round(value.FilesScanned / seconds, 1) : 0));
    }
}
