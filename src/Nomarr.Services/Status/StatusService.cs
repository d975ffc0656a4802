using System.Reflection;
using Microsoft.Extensions.Options;
using Nomarr.Helpers.Options;
using Nomarr.Persistence;
using Nomarr.Services.Libraries;
using Nomarr.Services.Watching;
using Nomarr.Workflows.Scanning;

namespace Nomarr.Services.Status;

/// <summary>Per-library scan and watcher state, for `GET /api/status` and the web page.</summary>
public sealed class StatusService(
    LibraryCatalog libraries,
    IScanLedger ledger,
    ScanOwner owner,
    IOptions<DatabaseOptions> database,
    IEnumerable<FileWatcherService> watchers)
{
    // Registered by `nomarr serve` only: without it there is no watcher state to show, and none is made up.
    private readonly FileWatcherService? _watcher = watchers.LastOrDefault();

    public static string Version { get; } =
        typeof(StatusService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public async Task<NomarrStatus> GetAsync(CancellationToken cancellationToken)
    {
        var facts = (await ledger.GetFactsAsync(null, cancellationToken)).ToDictionary(f => f.LibraryId);
        var result = new List<LibraryStatus>();
        foreach (var library in await libraries.ListAsync(cancellationToken))
        {
            var state = facts.TryGetValue(library.Id, out var f) ? ScanStates.Of(f, owner) : LibraryScanState.Idle;
            result.Add(new LibraryStatus(
                library.Id, library.Name, library.RootPath, library.Watch, state, f?.RunningRunId, library.LastScanAt, _watcher?.GetState(library.Id)));
        }

        return new NomarrStatus(Version, database.Value.Provider.ToLowerInvariant(), _watcher is not null, result) { Node = owner.Node };
    }
}
