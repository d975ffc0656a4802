using System.Collections.Concurrent;

namespace Nomarr.Services.Scanning;

/// <summary>
/// The scans running in this process, by library: what the poller waits for and what the request
/// path reports as "a scan is under way here". Exclusion across processes is the ledger's, not this.
/// </summary>
public sealed class RunningScans
{
    private readonly ConcurrentDictionary<long, int> _libraries = new();

    public bool IsRunning(long libraryId) => _libraries.TryGetValue(libraryId, out var count) && count > 0;

    /// <summary>Marks a scan of the library running until the result is disposed.</summary>
    public IDisposable Enter(long libraryId)
    {
        _libraries.AddOrUpdate(libraryId, 1, (_, count) => count + 1);
        return new Exit(this, libraryId);
    }

    private sealed class Exit(RunningScans scans, long libraryId) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                scans._libraries.AddOrUpdate(libraryId, 0, (_, count) => count - 1);
            }
        }
    }
}
