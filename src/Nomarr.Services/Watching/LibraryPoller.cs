using System.Threading.Channels;
using Nomarr.Helpers.Libraries;
using Nomarr.Workflows.Watching;

namespace Nomarr.Services.Watching;

/// <summary>
/// Polls one library, for one generation of its watcher: a first round takes the snapshot every later
/// round is compared with, and each round's changed folders go to the service's channel, to be
/// debounced as inotify events are.
/// </summary>
/// <remarks>
/// Implementation notes. Each round runs on a thread of its own, so a stat that hangs on a dead mount
/// blocks only this library. A round that makes no progress (no file listed) for the timeout is
/// given up: the library is reported failed (degraded), and the round is kept as
/// <see cref="Stuck"/> so that no new round piles up behind it while it hangs. A round does not start
/// while the library is being scanned in this process, and the next one waits ten times as long as
/// this one took when that is more than the period, so polling never takes more than a tenth of the
/// time (or of a share's attention).
/// </remarks>
internal sealed class LibraryPoller : IDisposable
{
    private static readonly TimeSpan BusyRecheck = TimeSpan.FromSeconds(1);

    private readonly Library _library;
    private readonly int _generation;
    private readonly PollSettings _settings;
    private readonly ChannelWriter<WatchMessage> _messages;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    public LibraryPoller(Library library, int generation, PollSettings settings, ChannelWriter<WatchMessage> messages, Task? stuck)
    {
        _library = library;
        _generation = generation;
        _settings = settings;
        _messages = messages;
        Stuck = stuck;
    }

    /// <summary>A round that never returned (a dead mount): no new round starts until it does.</summary>
    public Task? Stuck { get; private set; }

    public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        FolderSnapshot? last = null;
        var wait = TimeSpan.Zero;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(wait, _settings.Time, cancellationToken);
                while (_settings.Scans.IsRunning(_library.Id))
                {
                    await Task.Delay(BusyRecheck < _settings.Period ? BusyRecheck : _settings.Period, _settings.Time, cancellationToken);
                }

                var (snapshot, took) = await RoundAsync(last, cancellationToken);
                var changed = last is null ? [] : FolderSnapshot.Changed(last, snapshot);
                wait = PollSchedule.NextWait(_settings.Period, took);
                _messages.TryWrite(new WatchMessage.Polled(_library.Id, _generation, changed, First: last is null, took, wait));
                last = snapshot;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            _messages.TryWrite(new WatchMessage.Failed(_library.Id, _generation, ex));
        }
    }

    /// <summary>The round's snapshot, and how long its walk took (not counting the wait for its thread).</summary>
    private async Task<(FolderSnapshot Snapshot, TimeSpan Took)> RoundAsync(FolderSnapshot? last, CancellationToken cancellationToken)
    {
        if (Stuck is { IsCompleted: false })
        {
            throw new TimeoutException(NoAnswer("its last poll round still waits"));
        }

        var progress = new PollProgress();
        var round = Task.Factory.StartNew(
            () =>
            {
                var started = _settings.Time.GetTimestamp();
                var snapshot = _settings.Round.Take(_library.RootPath, last, progress, cancellationToken);
                return (snapshot, _settings.Time.GetElapsedTime(started));
            },
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        var seen = -1L;
        while (true)
        {
            var done = await Task.WhenAny(round, Task.Delay(_settings.Timeout, _settings.Time, cancellationToken));
            if (done == round)
            {
                return await round;
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (progress.Steps == seen)
            {
                Stuck = round;
                throw new TimeoutException(NoAnswer("a poll round got no answer for " + _settings.Timeout.TotalSeconds + " s"));
            }

            seen = progress.Steps;
        }
    }

    private string NoAnswer(string what) => "the library folder " + _library.RootPath + " does not answer (" + what + "; a dead network share?)";
}
