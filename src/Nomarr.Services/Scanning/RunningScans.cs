namespace Nomarr.Services.Scanning;

/// <summary>
/// The scans running in this process: what the poller waits for, what a request reports as "a scan is
/// under way here", and how a cancel reaches a running scan. Exclusion across processes is the
/// ledger's, not this.
/// </summary>
public sealed class RunningScans
{
    private readonly Lock _lock = new();
    private readonly List<Entry> _entries = [];

    public bool IsRunning(long libraryId)
    {
        lock (_lock)
        {
            return _entries.Exists(e => e.LibraryId == libraryId);
        }
    }

    /// <summary>Cancels the scan if it runs here; false when it does not (queued, finished, or running elsewhere).</summary>
    public bool TryCancel(long scanId)
    {
        lock (_lock)
        {
            if (_entries.Find(e => e.ScanId == scanId) is not { Cancel: { } cancel })
            {
                return false;
            }

            cancel.Cancel();
            return true;
        }
    }

    /// <summary>Marks a scan of the library running until the result is disposed.</summary>
    public IDisposable Enter(long libraryId) => Add(new Entry(this, libraryId, null, null));

    /// <summary>Marks the scan running until the result is disposed; <see cref="TryCancel"/> cancels <paramref name="cancel"/>.</summary>
    public IDisposable Enter(long libraryId, long scanId, CancellationTokenSource cancel) => Add(new Entry(this, libraryId, scanId, cancel));

    private Entry Add(Entry entry)
    {
        lock (_lock)
        {
            _entries.Add(entry);
        }

        return entry;
    }

    private sealed class Entry(RunningScans scans, long libraryId, long? scanId, CancellationTokenSource? cancel) : IDisposable
    {
        public long LibraryId { get; } = libraryId;

        public long? ScanId { get; } = scanId;

        public CancellationTokenSource? Cancel { get; } = cancel;

        public void Dispose()
        {
            lock (scans._lock)
            {
                scans._entries.Remove(this);
            }
        }
    }
}
