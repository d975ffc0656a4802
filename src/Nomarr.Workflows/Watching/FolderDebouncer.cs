using Nomarr.Components.Watching;
using Nomarr.Helpers.Paths;
using Nomarr.Helpers.Scanning;

namespace Nomarr.Workflows.Watching;

/// <summary>
/// Collects the changed folders of one library and hands them over for a scan once they are ready:
/// each folder's own quiet period restarts with each of its events (a busy folder does not hold back
/// a quiet one), a continuous stream is cut at the maximum wait, and a folder whose files were
/// written within the quiet period waits until they are stable.
/// </summary>
/// <remarks>
/// Time comes from the injected <see cref="TimeProvider"/> and one timer, set to the earliest
/// deadline, so the whole behaviour runs deterministically on fake time. <see cref="Add"/> and the
/// timer may run on different threads; <paramref name="ready"/> is called outside the lock.
/// </remarks>
/// <param name="libraryId">The library whose folders these are.</param>
/// <param name="settings">Quiet period, maximum wait, target limit.</param>
/// <param name="time">The clock and timer.</param>
/// <param name="quietFor">How long ago the folder's files were last written (null: no files, or the folder is gone).</param>
/// <param name="ready">Receives the targets to scan, de-duplicated.</param>
public sealed class FolderDebouncer(
    long libraryId,
    DebounceSettings settings,
    TimeProvider time,
    Func<string, TimeSpan?> quietFor,
    Action<IReadOnlyList<ScanTarget>> ready) : IDisposable
{
    private const string WholeLibrary = "";
    private static readonly TimeSpan MinimumDelay = TimeSpan.FromMilliseconds(1);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, PendingFolder> _pending = new(StringComparer.Ordinal);
    private ITimer? _timer;
    private DateTimeOffset? _wakeAt;
    private bool _disposed;

    public long LibraryId => libraryId;

    /// <summary>A debouncer whose stability check looks at the files of the library on disk.</summary>
    public static FolderDebouncer ForLibrary(
        long libraryId, string root, DebounceSettings settings, TimeProvider time, Action<IReadOnlyList<ScanTarget>> ready)
    {
        ArgumentNullException.ThrowIfNull(time);
        return new FolderDebouncer(
            libraryId, settings, time, folder => FolderActivity.SinceLastWrite(PathNormalizer.ToFullPath(root, folder), time.GetUtcNow()), ready);
    }

    /// <summary>Folders waiting for their quiet period.</summary>
    public int PendingCount
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Records an event that touched the folder (root-relative, "" = the root).</summary>
    public void Add(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            var now = time.GetUtcNow();
            var key = _pending.ContainsKey(WholeLibrary) ? WholeLibrary : folder;
            if (!_pending.ContainsKey(key) && _pending.Count >= settings.MaxTargets)
            {
                // Too many folders to list: one full scan instead, that waits as long as the oldest of them did.
                var oldest = _pending.Values.Min(p => p.FirstEventAt);
                _pending.Clear();
                _pending[WholeLibrary] = new PendingFolder(oldest, now);
                key = WholeLibrary;
            }

            _pending[key] = _pending.TryGetValue(key, out var existing) ? existing with { LastEventAt = now } : new PendingFolder(now, now);
            WakeNoLaterThan(Deadline(_pending[key]), now);
        }
    }

    /// <summary>Hands every waiting folder over now, ready or not (on shutdown, so that the request is stored rather than lost).</summary>
    public void FlushAll()
    {
        List<string> due;
        lock (_lock)
        {
            due = [.. _pending.Keys];
            _pending.Clear();
        }

        if (due.Count > 0)
        {
            ready(ToTargets(due));
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _pending.Clear();
            _timer?.Dispose();
            _timer = null;
        }
    }

    private void OnTimer()
    {
        List<string> due = [];
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            var now = time.GetUtcNow();
            _wakeAt = null;
            foreach (var (folder, pending) in _pending.ToList())
            {
                if (IsReady(folder, pending, now, out var postponed))
                {
                    due.Add(folder);
                    _pending.Remove(folder);
                }
                else
                {
                    _pending[folder] = postponed;
                }
            }

            if (_pending.Count > 0)
            {
                WakeNoLaterThan(_pending.Values.Min(Deadline), now);
            }
        }

        if (due.Count > 0)
        {
            ready(ToTargets(due));
        }
    }

    private bool IsReady(string folder, PendingFolder pending, DateTimeOffset now, out PendingFolder postponed)
    {
        postponed = pending;
        if (now >= pending.FirstEventAt + settings.MaxWait)
        {
            return true;
        }

        if (now < pending.LastEventAt + settings.QuietPeriod)
        {
            return false;
        }

        // Quiet, but a file written within the quiet period without an event (a network share, a
        // paused copy) is not finished yet: its last write counts as the folder's last event.
        var sinceWrite = quietFor(folder);
        if (sinceWrite is not { } age || age < TimeSpan.Zero || age >= settings.QuietPeriod)
        {
            return true;
        }

        postponed = pending with { LastEventAt = now - age };
        return false;
    }

    private List<ScanTarget> ToTargets(List<string> folders)
    {
        var collapsed = ScanScope.Collapse(folders);
        return collapsed.Count > settings.MaxTargets
            ? [new ScanTarget(libraryId)]
            : collapsed.Select(f => new ScanTarget(libraryId, f)).ToList();
    }

    private DateTimeOffset Deadline(PendingFolder pending)
    {
        var quiet = pending.LastEventAt + settings.QuietPeriod;
        var cut = pending.FirstEventAt + settings.MaxWait;
        return quiet < cut ? quiet : cut;
    }

    private void WakeNoLaterThan(DateTimeOffset deadline, DateTimeOffset now)
    {
        if (_wakeAt is { } scheduled && scheduled <= deadline)
        {
            return;
        }

        _wakeAt = deadline;
        // Never zero: a timer due at once may fire on this very thread, inside the lock.
        var due = deadline - now > MinimumDelay ? deadline - now : MinimumDelay;
        _timer ??= time.CreateTimer(_ => OnTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(due, Timeout.InfiniteTimeSpan);
    }

    private sealed record PendingFolder(DateTimeOffset FirstEventAt, DateTimeOffset LastEventAt);
}
