using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nomarr.Helpers.Errors;
using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Options;
using Nomarr.Helpers.Scanning;
using Nomarr.Persistence;
using Nomarr.Services.Events;
using Nomarr.Services.Scanning;
using Nomarr.Workflows.Scanning;

namespace Nomarr.Services.Nodes;

/// <summary>
/// What other processes do with the shared database, brought to this one: their scans' start, progress
/// (from the run row) and end become events on this node's /api/events; a run queued elsewhere wakes this
/// node's workers (the ledger lets only a node allowed to scan the library claim it); libraries changed
/// elsewhere make the watchers look again. It reads the ledger when the database signals a change
/// (PostgreSQL's NOTIFY) and every Node:PollSeconds whatever happens, so a lost signal costs one period.
/// </summary>
/// <remarks>
/// Runs this process claimed are left alone: its scheduler publishes their events itself; so are runs
/// never claimed (queued, or cancelled before they started), whose node announces them. The first read
/// only learns what exists; what ended before this node started is history, not news.
/// </remarks>
internal sealed partial class RemoteScanRelay(
    IScanLedger ledger,
    ILibraryRepository libraries,
    IScanSignals signals,
    NodeService node,
    ScanOwner owner,
    ScanWorkers workers,
    EventHub events,
    IOptions<NodeOptions> options,
    TimeProvider time,
    ILogger<RemoteScanRelay> logger) : BackgroundService
{
    private const int RunsRead = 200;

    private readonly Dictionary<long, Seen> _seen = [];
    private string? _libraries;
    private bool _started;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromSeconds(options.Value.PollSeconds);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await RefreshAsync(stoppingToken);
                    await signals.WaitAsync(period, stoppingToken);
                }
                catch (Exception ex) when (ex.IsNotStop(stoppingToken))
                {
                    // A database that does not answer now may answer on the next period.
                    LogRefreshFailed(ex);
                    await Task.Delay(period, time, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    internal async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await RefreshLibrariesAsync(cancellationToken);
        var runs = await ledger.ListAsync(null, RunsRead, cancellationToken);
        var wake = new HashSet<long>();
        foreach (var run in runs.OrderBy(r => r.Id))
        {
            var was = _seen.GetValueOrDefault(run.Id);
            _seen[run.Id] = new Seen(run.Status, run.Progress);
            if (run.Status == ScanRunStatus.Queued && was?.Status != ScanRunStatus.Queued)
            {
                wake.Add(run.LibraryId);
            }

            if (!_started || run.Owner is null || string.Equals(run.Owner, owner.Id, StringComparison.Ordinal))
            {
                continue;
            }

            Relay(run, was);
        }

        // Runs older than what is read are never read again.
        if (runs.Count > 0)
        {
            var oldest = runs.Min(r => r.Id);
            foreach (var id in _seen.Keys.Where(id => id < oldest).ToList())
            {
                _seen.Remove(id);
            }
        }

        _started = true;
        foreach (var libraryId in wake)
        {
            workers.Wake(libraryId);
        }
    }

    private void Relay(ScanRun run, Seen? was)
    {
        var finished = run.Status is not (ScanRunStatus.Queued or ScanRunStatus.Running);
        var wasRunning = was?.Status == ScanRunStatus.Running;
        if (run.Status == ScanRunStatus.Running && !wasRunning || finished && was is { Status: ScanRunStatus.Queued } || finished && was is null)
        {
            events.Publish(EventTypes.ScanStarted, new ScanStartedEvent(run.Id, run.LibraryId, run.Targets, run.FullScan, run.StartedAt));
        }

        if (run.Progress is { } progress && !Equals(progress, was?.Progress))
        {
            events.Publish(EventTypes.ScanProgress, new ScanProgressEvent(
                run.Id,
                run.LibraryId,
                progress.Phase,
                progress.FilesScanned,
                progress.FilesToRead,
                progress.FilesRead,
                progress.FilesWritten,
                progress.CurrentFolder,
                0));
        }

        if (finished && (was is null || was.Status is ScanRunStatus.Queued or ScanRunStatus.Running))
        {
            events.Publish(EventTypes.ScanFinished, new ScanFinishedEvent(run.Id, run.LibraryId, run.Status, run.Result, run.Error));
            LogRemoteFinished(run.Id, run.LibraryId, run.Node ?? "?", run.Status);
        }
    }

    private async Task RefreshLibrariesAsync(CancellationToken cancellationToken)
    {
        var shape = string.Join(';', (await libraries.ListAsync(cancellationToken)).Select(Shape));
        if (_libraries is not null && !string.Equals(shape, _libraries, StringComparison.Ordinal))
        {
            node.OnLibrariesChanged();
        }

        _libraries = shape;
    }

    // What the watchers follow of a library.
    private static string Shape(Library l) => $"{l.Id}|{l.RootPath}|{l.WatchMode}|{l.PollSeconds}|{l.Node}";

    private sealed record Seen(ScanRunStatus Status, ScanProgress? Progress);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading what other nodes did failed; trying again in Node:PollSeconds")]
    private partial void LogRefreshFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scan {ScanId} of library {LibraryId} ended on node {Node}: {Status}")]
    private partial void LogRemoteFinished(long scanId, long libraryId, string node, ScanRunStatus status);
}
