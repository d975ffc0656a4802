using System.Threading.Channels;
using Nomarr.Helpers.Libraries;
using Nomarr.Workflows.Watching;

namespace Nomarr.Services.Watching;

/// <summary>
/// The watcher of one library: a recursive FileSystemWatcher whose callbacks, on thread-pool threads,
/// only write into the service's channel, or a <see cref="LibraryPoller"/> that writes its rounds
/// there; and the debouncer both feed. Used by the loop only.
/// </summary>
internal sealed class LibraryWatch(Library library, FolderDebouncer debouncer) : IDisposable
{
    private FileSystemWatcher? _watcher;
    private LibraryPoller? _poller;
    private Task? _stuckRound;
    private ITimer? _retry;

    public Library Library { get; } = library;

    public FolderDebouncer Debouncer { get; } = debouncer;

    /// <summary>Bumped each time the watcher is closed, so that late events of the old one are recognised.</summary>
    public int Generation { get; private set; }

    /// <summary>Failed attempts since the watcher last worked.</summary>
    public int Failures { get; set; }

    /// <summary>Events were lost: the library needs a full scan when the watcher is back.</summary>
    public bool NeedsFullScan { get; set; }

    public bool IsOpen => _watcher is not null || _poller is not null;

    /// <summary>The mode that runs (auto resolved) and why; set each time the watcher is opened.</summary>
    public WatchModeChoice? Choice { get; set; }

    /// <summary>The last poll round, of whichever generation.</summary>
    public WatchMessage.Polled? LastPoll { get; private set; }

    /// <summary>When <see cref="LastPoll"/> was reported.</summary>
    public DateTimeOffset? LastPollAt { get; private set; }

    public void RecordPoll(WatchMessage.Polled polled, DateTimeOffset at)
    {
        LastPoll = polled;
        LastPollAt = at;
    }

    /// <summary>A poll round of the current generation has completed: the library is watched.</summary>
    public bool Polled { get; set; }

    /// <summary>Starts polling; the first round reports through the channel, like events do.</summary>
    public void StartPolling(PollSettings settings, ChannelWriter<WatchMessage> messages)
    {
        _poller = new LibraryPoller(Library, Generation, settings, messages, _stuckRound);
        _poller.Start();
    }

    /// <exception cref="IOException">The watcher could not be created (the inotify limits, an unreadable root).</exception>
    public void Open(ChannelWriter<WatchMessage> messages)
    {
        var id = Library.Id;
        var generation = Generation;
        var watcher = new FileSystemWatcher(Library.RootPath)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            InternalBufferSize = 64 * 1024,
        };
        watcher.Created += (_, e) => messages.TryWrite(new WatchMessage.FileEvent(id, generation, WatchEventKind.Created, e.FullPath, null));
        watcher.Changed += (_, e) => messages.TryWrite(new WatchMessage.FileEvent(id, generation, WatchEventKind.Changed, e.FullPath, null));
        watcher.Deleted += (_, e) => messages.TryWrite(new WatchMessage.FileEvent(id, generation, WatchEventKind.Deleted, e.FullPath, null));
        watcher.Renamed += (_, e) => messages.TryWrite(new WatchMessage.FileEvent(id, generation, WatchEventKind.Renamed, e.FullPath, e.OldFullPath));
        watcher.Error += (_, e) => messages.TryWrite(new WatchMessage.Failed(id, generation, e.GetException()));
        try
        {
            watcher.EnableRaisingEvents = true;
        }
        catch
        {
            watcher.Dispose();
            throw;
        }

        _watcher = watcher;
    }

    /// <summary>Stops the watcher and any pending retry; events it raised from now on are ignored.</summary>
    public void Close()
    {
        Generation++;
        Polled = false;
        _retry?.Dispose();
        _retry = null;
        if (_poller is { } poller)
        {
            _poller = null;
            _stuckRound = poller.Stuck;
            poller.Dispose();
        }

        if (_watcher is { } watcher)
        {
            _watcher = null;
            watcher.EnableRaisingEvents = false;
            watcher.Dispose();
        }
    }

    public void RetryAfter(TimeSpan delay, TimeProvider time, ChannelWriter<WatchMessage> messages)
    {
        _retry?.Dispose();
        var retry = new WatchMessage.Retry(Library.Id, Generation);
        _retry = time.CreateTimer(_ => messages.TryWrite(retry), null, delay, Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        Close();
        Debouncer.Dispose();
    }
}
