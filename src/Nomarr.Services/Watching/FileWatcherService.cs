using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nomarr.Helpers.Errors;
using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Options;
using Nomarr.Helpers.Scanning;
using Nomarr.Helpers.Watching;
using Nomarr.Services.Libraries;
using Nomarr.Services.Nodes;
using Nomarr.Services.Scanning;
using Nomarr.Workflows.Watching;

namespace Nomarr.Services.Watching;

/// <summary>
/// Watches every library with watching enabled and turns what changes on disk into scan requests.
/// It only triggers: inotify events become folders (WatchEventMapper), or a poll round compares a
/// walk with the one before (<see cref="LibraryPoller"/>, for network shares); folders are debounced
/// (FolderDebouncer), and ready folders go to the <see cref="ScanIntake"/>, which stores them
/// and scans them, after the running scan of the library if there is one.
/// </summary>
/// <remarks>
/// Implementation notes. Watcher callbacks run on thread-pool threads and only write into one
/// channel; a single loop reads it and owns every watcher, so nothing here needs a lock but the
/// published states. The channel is unbounded on purpose: a callback that cannot write would lose
/// an event, and the loop does little per message (one stat, a dictionary update), so it only grows
/// while a scan request is being stored. What can still be lost is what the kernel drops (a queue
/// overflow, a watch limit, a vanished root): each is reported as an error, the watcher is
/// re-created with back-off, and the library is scanned in full once it is readable again.
/// </remarks>
public sealed partial class FileWatcherService : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan SyncRetryDelay = TimeSpan.FromSeconds(5);

    private readonly LibraryCatalog _libraries;
    private readonly ScanIntake _intake;
    private readonly PollSettingsFactory _polling;
    private readonly NodeService _node;
    private readonly WatcherOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<FileWatcherService> _logger;
    private readonly Channel<WatchMessage> _messages = Channel.CreateUnbounded<WatchMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<long, LibraryWatch> _watches = [];
    private readonly ConcurrentDictionary<long, WatcherState> _states = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;
    private ITimer? _syncRetry;
    private int _disposed;

    public FileWatcherService(
        LibraryCatalog libraries,
        ScanIntake intake,
        PollSettingsFactory polling,
        NodeService node,
        IOptions<WatcherOptions> options,
        TimeProvider time,
        ILogger<FileWatcherService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _libraries = libraries;
        _intake = intake;
        _polling = polling;
        _node = node;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Raised when a library's watcher changes status (not for every event).</summary>
    public event EventHandler<WatcherStateChangedEventArgs>? StateChanged;

    /// <summary>The watcher of one library; null when the service does not know it (not started, or just added).</summary>
    public WatcherState? GetState(long libraryId) => _states.TryGetValue(libraryId, out var state) ? state : null;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _libraries.LibrariesChanged += OnLibrariesChanged;
        _node.LibrariesChanged += OnNodeLibrariesChanged;
        _messages.Writer.TryWrite(new WatchMessage.Sync());
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops the watchers, hands folders still in their quiet period to the scan intake (which stores
    /// them for the next start), and waits for the loop.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _libraries.LibrariesChanged -= OnLibrariesChanged;
        _node.LibrariesChanged -= OnNodeLibrariesChanged;
        _messages.Writer.TryWrite(new WatchMessage.Stop());
        try
        {
            await _loop.WaitAsync(cancellationToken);
        }
        finally
        {
            await _stopping.CancelAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Registered both as itself and as a hosted service, so the container disposes it twice.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _messages.Writer.TryComplete();
        await _stopping.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
    }

    /// <summary>The loop that owns the watchers: complete once the service has stopped.</summary>
    internal Task Completion => _loop;

    /// <summary>Reports an error as the library's watcher would (tests simulate a lost inotify queue with it).</summary>
    internal void ReportError(long libraryId, Exception error)
    {
        // Generation -1 stands for whichever watcher is current when the loop reads the message.
        _messages.Writer.TryWrite(new WatchMessage.Failed(libraryId, -1, error));
    }

    private void OnLibrariesChanged(object? sender, LibrariesChangedEventArgs e) => _messages.Writer.TryWrite(new WatchMessage.Sync());

    private void OnNodeLibrariesChanged(object? sender, EventArgs e) => _messages.Writer.TryWrite(new WatchMessage.Sync());

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        await foreach (var message in _messages.Reader.ReadAllAsync(cancellationToken))
        {
            try
            {
                if (message is WatchMessage.Stop)
                {
                    await StopWatchersAsync(cancellationToken);
                    return;
                }

                await HandleAsync(message, cancellationToken);
            }
            catch (Exception ex) when (ex.IsNotStop(cancellationToken))
            {
                WatcherLog.LoopFailed(_logger, ex, message.GetType().Name);
                if (message is WatchMessage.Sync)
                {
                    // The libraries could not be listed (a busy or unreachable database): try again rather than watch nothing.
                    _syncRetry?.Dispose();
                    _syncRetry = _time.CreateTimer(_ => _messages.Writer.TryWrite(new WatchMessage.Sync()), null, SyncRetryDelay, Timeout.InfiniteTimeSpan);
                }
            }
        }
    }

    private Task HandleAsync(WatchMessage message, CancellationToken cancellationToken) => message switch
    {
        WatchMessage.Sync => SyncAsync(cancellationToken),
        WatchMessage.FileEvent e => OnFileEvent(e),
        WatchMessage.Failed f => Fail(Current(f.LibraryId, f.Generation), f.Error),
        WatchMessage.Retry r => Current(r.LibraryId, r.Generation) is { } watch ? OpenAsync(watch) : Task.CompletedTask,
        WatchMessage.Chosen c => Current(c.LibraryId, c.Generation) is { IsOpen: false } watch ? OnChosenAsync(watch, c.Choice, cancellationToken) : Task.CompletedTask,
        WatchMessage.Polled p => OnPolledAsync(p, cancellationToken),
        WatchMessage.Ready r => QueueAsync(r.LibraryId, r.Targets, cancellationToken),
        _ => Task.CompletedTask,
    };

    private LibraryWatch? Current(long libraryId, int generation) =>
        _watches.TryGetValue(libraryId, out var watch) && (generation < 0 || watch.Generation == generation) ? watch : null;

    private async Task SyncAsync(CancellationToken cancellationToken)
    {
        var libraries = (await _libraries.ListAsync(cancellationToken)).ToDictionary(l => l.Id);
        foreach (var (id, watch) in _watches.ToList())
        {
            if (!libraries.TryGetValue(id, out var library) || !IsWanted(library) || library.RootPath != watch.Library.RootPath
                || library.WatchMode != watch.Library.WatchMode || library.PollSeconds != watch.Library.PollSeconds || library.Node != watch.Library.Node)
            {
                watch.Dispose();
                _watches.Remove(id);
                WatcherLog.Stopped(_logger, id);
            }
        }

        foreach (var id in _states.Keys.Where(id => !libraries.ContainsKey(id)))
        {
            _states.TryRemove(id, out _);
        }

        foreach (var library in libraries.Values.OrderBy(l => l.Id))
        {
            if (!IsWanted(library))
            {
                var reason = !_options.Enabled ? "watchers are turned off (Watcher:Enabled = false)"
                    : library.WatchMode == WatchMode.Off ? "watching is off for this library"
                    : $"the library is pinned to node {library.Node}: that node watches it";
                SetStatus(library.Id, WatcherStatus.Stopped, reason, new WatchModeChoice(WatchMode.Off, reason));
            }
            else if (!_watches.ContainsKey(library.Id))
            {
                var watch = new LibraryWatch(library, NewDebouncer(library)) { NeedsFullScan = _options.ScanOnStart };
                _watches[library.Id] = watch;
                await OpenAsync(watch);
            }
        }
    }

    // A pinned library is watched by its node alone; an unpinned one by every node (docs/decisions/0012-nodes.md).
    private bool IsWanted(Library library) =>
        _options.Enabled && library.WatchMode != WatchMode.Off && (library.Node is null || string.Equals(library.Node, _node.Name, StringComparison.Ordinal));

    private FolderDebouncer NewDebouncer(Library library)
    {
        var settings = new DebounceSettings(_options.QuietPeriod, _options.MaxWait, _options.MaxTargets);
        return FolderDebouncer.ForLibrary(library.Id, library.RootPath, settings, _time, targets => _messages.Writer.TryWrite(new WatchMessage.Ready(library.Id, targets)));
    }

    /// <summary>
    /// Chooses the mode off the loop (statfs may hang on a dead share; it is given Watcher:PollTimeoutSeconds)
    /// and opens the watcher when the choice comes back as a <see cref="WatchMessage.Chosen"/>.
    /// </summary>
    private Task OpenAsync(LibraryWatch watch)
    {
        var (library, generation) = (watch.Library, watch.Generation);
        var timeout = _options.PollTimeout;
        var token = _stopping.Token;

        // Observed through the channel: the choice or the error comes back as a message of this generation.
        _ = Task.Run(
            async () =>
            {
                try
                {
                    var choice = await WatchModeChooser.ChooseAsync(library.WatchMode, library.RootPath, timeout, token);
                    _messages.Writer.TryWrite(new WatchMessage.Chosen(library.Id, generation, choice));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _messages.Writer.TryWrite(new WatchMessage.Failed(library.Id, generation, ex));
                }
            },
            CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task OnChosenAsync(LibraryWatch watch, WatchModeChoice choice, CancellationToken cancellationToken)
    {
        if (watch.Choice?.Mode != choice.Mode)
        {
            WatcherLog.ModeChosen(_logger, watch.Library.Id, choice.Mode, choice.Reason);
        }

        watch.Choice = choice;
        if (choice.Mode == WatchMode.Poll)
        {
            // Watching once the first round has taken its snapshot (OnPolledAsync).
            watch.StartPolling(_polling.For(watch.Library), _messages.Writer);
            return;
        }

        if (!Directory.Exists(watch.Library.RootPath))
        {
            await Fail(watch, new DirectoryNotFoundException(watch.Library.RootPath));
            return;
        }

        try
        {
            watch.Open(_messages.Writer);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or PlatformNotSupportedException)
        {
            await Fail(watch, ex);
            return;
        }

        await WatchingAsync(watch, cancellationToken);
    }

    private async Task WatchingAsync(LibraryWatch watch, CancellationToken cancellationToken)
    {
        watch.Failures = 0;
        WatcherLog.Watching(_logger, watch.Library.Id, watch.Library.RootPath);
        SetStatus(watch.Library.Id, WatcherStatus.Watching, null);
        if (watch.NeedsFullScan)
        {
            watch.NeedsFullScan = false;
            await QueueAsync(watch.Library.Id, [new ScanTarget(watch.Library.Id)], cancellationToken);
        }
    }

    private async Task OnPolledAsync(WatchMessage.Polled polled, CancellationToken cancellationToken)
    {
        if (Current(polled.LibraryId, polled.Generation) is not { IsOpen: true } watch)
        {
            return;
        }

        watch.RecordPoll(polled, _time.GetUtcNow());
        if (!watch.Polled)
        {
            watch.Polled = true;
            await WatchingAsync(watch, cancellationToken);
        }

        foreach (var folder in polled.Folders)
        {
            watch.Debouncer.Add(folder);
        }

        if (_states.TryGetValue(polled.LibraryId, out var state))
        {
            _states[polled.LibraryId] = WithPoll(state, watch) with
            {
                LastEventAt = polled.Folders.Count > 0 ? _time.GetUtcNow() : state.LastEventAt,
            };
        }
    }

    private Task Fail(LibraryWatch? watch, Exception error)
    {
        if (watch is null)
        {
            return Task.CompletedTask;
        }

        var (_, reason) = WatcherFailures.Explain(error, watch.Library.RootPath);
        watch.Close();
        watch.NeedsFullScan = true;
        if (GetState(watch.Library.Id) is not { Status: WatcherStatus.Degraded } previous || previous.Reason != reason)
        {
            WatcherLog.Degraded(_logger, watch.Library.Id, reason);
        }

        SetStatus(watch.Library.Id, WatcherStatus.Degraded, reason);
        watch.RetryAfter(WatcherFailures.RetryDelay(watch.Failures++), _time, _messages.Writer);
        return Task.CompletedTask;
    }

    private Task OnFileEvent(WatchMessage.FileEvent e)
    {
        if (Current(e.LibraryId, e.Generation) is not { IsOpen: true } watch)
        {
            return Task.CompletedTask;
        }

        // A deleted or moved root raises no error, only the deletions of what it held (or nothing).
        var root = watch.Library.RootPath;
        if (!Directory.Exists(root))
        {
            return Fail(watch, new DirectoryNotFoundException(root));
        }

        var folders = WatchEventMapper.FoldersToScan(root, e.Kind, e.FullPath, e.OldFullPath);
        foreach (var folder in folders)
        {
            watch.Debouncer.Add(folder);
        }

        if (folders.Count > 0 && _states.TryGetValue(e.LibraryId, out var state))
        {
            _states[e.LibraryId] = state with { LastEventAt = _time.GetUtcNow() };
        }

        return Task.CompletedTask;
    }

    private async Task QueueAsync(long libraryId, IReadOnlyList<ScanTarget> targets, CancellationToken cancellationToken)
    {
        try
        {
            await _intake.EnqueueAsync(targets, cancellationToken);
            WatcherLog.Queued(_logger, libraryId, string.Join(", ", targets.Select(t => t.IsWholeLibrary ? "/" : t.FolderPath)));
        }
        catch (LibraryNotFoundException)
        {
            // Removed meanwhile; the Sync that follows the removal stops its watcher.
        }
    }

    private async Task StopWatchersAsync(CancellationToken cancellationToken)
    {
        foreach (var watch in _watches.Values)
        {
            watch.Close();
            watch.Debouncer.FlushAll();
        }

        // FlushAll wrote Ready messages behind this one: store them, so the next start scans them.
        while (_messages.Reader.TryRead(out var message))
        {
            if (message is WatchMessage.Ready ready)
            {
                try
                {
                    await QueueAsync(ready.LibraryId, ready.Targets, cancellationToken);
                }
                catch (Exception ex) when (ex.IsNotStop(cancellationToken))
                {
                    // Not stored (a busy or broken database): the stop goes on regardless, or it would hang the shutdown.
                    WatcherLog.LoopFailed(_logger, ex, nameof(WatchMessage.Ready));
                }
            }
        }

        foreach (var watch in _watches.Values)
        {
            watch.Dispose();
            SetStatus(watch.Library.Id, WatcherStatus.Stopped, "the service is stopping");
        }

        _watches.Clear();
        _syncRetry?.Dispose();
        _messages.Writer.TryComplete();
    }

    /// <summary>The state with the figures of the library's last poll round, while it is polled.</summary>
    private WatcherState WithPoll(WatcherState state, LibraryWatch? watch) =>
        state.Mode == WatchMode.Poll && watch?.LastPoll is { } last
            ? state with
            {
                PollSeconds = Math.Round(last.NextIn.TotalSeconds, 1),
                LastPollMs = Math.Round(last.Took.TotalMilliseconds, 1),
                LastPollAt = watch.LastPollAt,
            }
            : state with { PollSeconds = null, LastPollMs = null, LastPollAt = null };

    private void SetStatus(long libraryId, WatcherStatus status, string? reason, WatchModeChoice? off = null)
    {
        var previous = GetState(libraryId);
        var watch = off is null && _watches.TryGetValue(libraryId, out var current) ? current : null;
        var choice = off ?? watch?.Choice;
        var state = WithPoll(
            new WatcherState(libraryId, status, reason, previous?.LastEventAt)
            {
                Mode = choice?.Mode ?? previous?.Mode,
                ModeReason = choice?.Reason ?? previous?.ModeReason,
            },
            watch);
        _states[libraryId] = state;
        if (previous is null || previous.Status != status || previous.Reason != reason || previous.Mode != state.Mode)
        {
            StateChanged?.Invoke(this, new WatcherStateChangedEventArgs(state));
        }
    }
}
