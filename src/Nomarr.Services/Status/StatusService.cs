using System.Reflection;
using Microsoft.Extensions.Options;
using Nomarr.Helpers.Options;
using Nomarr.Services.Libraries;
using Nomarr.Services.Scanning;
using Nomarr.Services.Watching;

namespace Nomarr.Services.Status;

/// <summary>Per-library scan and watcher state, for `GET /api/status` and the web page.</summary>
public sealed class StatusService(
    LibraryService libraries,
    ScanScheduler scheduler,
    ScanGate gate,
    IOptions<DatabaseOptions> database,
    IEnumerable<FileWatcherService> watchers)
{
    // Registered by `nomarr serve` only: without it there is no watcher state to show, and none is made up.
    private readonly FileWatcherService? _watcher = watchers.LastOrDefault();

    public static string Version { get; } =
        typeof(StatusService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public async Task<NomarrStatus> GetAsync(CancellationToken cancellationToken)
    {
        var result = new List<LibraryStatus>();
        foreach (var library in await libraries.ListLibrariesAsync(cancellationToken))
        {
            var running = scheduler.RunningScanId(library.Id);
            var state = running is not null || gate.IsRunning(library.Id) ? LibraryScanState.Scanning
                : scheduler.IsBusy(library.Id) ? LibraryScanState.Queued
                : await StateFromDatabaseAsync(library.Id, cancellationToken);
            result.Add(new LibraryStatus(
                library.Id, library.Name, library.RootPath, library.Watch, state, running, library.LastScanAt, _watcher?.GetState(library.Id)));
        }

        return new NomarrStatus(Version, database.Value.Provider.ToLowerInvariant(), _watcher is not null, result);
    }

    /// <summary>Not scanned here: a live lease of another process means scanning, a started and never finished scan means interrupted.</summary>
    private async Task<LibraryScanState> StateFromDatabaseAsync(long libraryId, CancellationToken cancellationToken)
    {
        var (interrupted, _) = await libraries.CheckInterruptedScanAsync(libraryId, cancellationToken);
        if (interrupted)
        {
            return LibraryScanState.Interrupted;
        }

        var library = await libraries.GetLibraryAsync(libraryId, cancellationToken);
        var unfinished = new Nomarr.Helpers.Libraries.ScanState(library.LastScanStartedAt, library.LastScanAt, library.FullScanInProgress).IsUnfinished;
        return unfinished ? LibraryScanState.Scanning : LibraryScanState.Idle;
    }
}
