using Microsoft.Extensions.Options;
using Nomarr.Helpers.Errors;
using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Options;
using Nomarr.Helpers.Paths;
using Nomarr.Helpers.Scanning;
using Nomarr.Persistence;
using Nomarr.Services.Scanning;
using Nomarr.Services.Status;
using Nomarr.Workflows.Scanning;

namespace Nomarr.Services.Libraries;

/// <summary>
/// The one entry point for libraries and their scans, used by the CLI, the HTTP API and the
/// watcher alike. It validates and coordinates; the scan itself is the workflow's.
/// </summary>
public sealed class LibraryService(
    ILibraryRepository libraries,
    ILibraryFileRepository files,
    IScanLedger ledger,
    ScanLibraryWorkflow scanWorkflow,
    ScanOwner owner,
    RunningScans running,
    IOptions<ScannerOptions> scannerOptions,
    TimeProvider time)
{
    /// <summary>
    /// Raised after a library is added, updated or removed through this service (the watchers follow it).
    /// Changes made by another process sharing the database are not seen here.
    /// </summary>
    public event EventHandler<LibrariesChangedEventArgs>? LibrariesChanged;

    /// <summary>Adds a library watched in the <see cref="WatchMode.Auto"/> mode, or not watched at all.</summary>
    /// <exception cref="LibraryRootRefusedException">A system folder (see <see cref="LibraryRootPolicy"/>).</exception>
    /// <exception cref="InvalidLibraryRootException">The path does not exist or is not a folder.</exception>
    /// <exception cref="LibraryAlreadyExistsException">The folder is a library already.</exception>
    public Task<Library> AddLibraryAsync(string path, string? name, bool watch, CancellationToken cancellationToken) =>
        AddLibraryAsync(path, name, watch ? WatchMode.Auto : WatchMode.Off, null, LibraryRootRules.Default, cancellationToken);

    /// <summary>Adds a library watched as <paramref name="watchMode"/> says, whose folder is not a system folder.</summary>
    /// <exception cref="LibraryRootRefusedException">A system folder (see <see cref="LibraryRootPolicy"/>).</exception>
    /// <exception cref="InvalidLibraryRootException">The path does not exist or is not a folder.</exception>
    /// <exception cref="LibraryAlreadyExistsException">The folder is a library already.</exception>
    public Task<Library> AddLibraryAsync(string path, string? name, WatchMode watchMode, int? pollSeconds, CancellationToken cancellationToken) =>
        AddLibraryAsync(path, name, watchMode, pollSeconds, LibraryRootRules.Default, cancellationToken);

    /// <summary>Adds a library whose folder passes <paramref name="rules"/>, checked before the folder is looked at.</summary>
    /// <param name="path">The folder.</param>
    /// <param name="name">A name; null: the folder's name.</param>
    /// <param name="watchMode">How `nomarr serve` follows its changes.</param>
    /// <param name="pollSeconds">Its own poll period; null: Watcher:PollSeconds.</param>
    /// <param name="rules">Which folders may be libraries.</param>
    /// <param name="cancellationToken">Cancels the addition.</param>
    /// <exception cref="LibraryRootRefusedException">The rules refuse the folder, whether or not it exists.</exception>
    /// <exception cref="InvalidLibraryRootException">The path does not exist or is not a folder.</exception>
    /// <exception cref="LibraryAlreadyExistsException">The folder is a library already.</exception>
    public async Task<Library> AddLibraryAsync(
        string path, string? name, WatchMode watchMode, int? pollSeconds, LibraryRootRules rules, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        if (LibraryRootPolicy.RefusalOf(root, rules) is { } refusal)
        {
            throw new LibraryRootRefusedException(path, refusal);
        }

        if (!Directory.Exists(root))
        {
            throw new InvalidLibraryRootException(path, File.Exists(root) ? "it is a file, not a folder" : "the folder does not exist");
        }

        var existing = await libraries.ListAsync(cancellationToken);
        if (existing.FirstOrDefault(l => string.Equals(l.RootPath, root, StringComparison.Ordinal)) is { } same)
        {
            throw new LibraryAlreadyExistsException(path, same.Id, same.Name);
        }

        var libraryName = string.IsNullOrWhiteSpace(name) ? Path.GetFileName(root) is { Length: > 0 } n ? n : root : name.Trim();
        var added = await libraries.AddAsync(libraryName, root, watchMode, pollSeconds, time.GetUtcNow(), cancellationToken);
        LibrariesChanged?.Invoke(this, new LibrariesChangedEventArgs(added.Id, LibraryChange.Added));
        return added;
    }

    public Task<IReadOnlyList<Library>> ListLibrariesAsync(CancellationToken cancellationToken) => libraries.ListAsync(cancellationToken);

    /// <exception cref="LibraryNotFoundException">There is no such library.</exception>
    public async Task<Library> GetLibraryAsync(long libraryId, CancellationToken cancellationToken) =>
        await libraries.GetAsync(libraryId, cancellationToken) ?? throw new LibraryNotFoundException(libraryId);

    /// <exception cref="LibraryNotFoundException">There is no such library.</exception>
    /// <exception cref="ScanAlreadyRunningException">It is being scanned, here or by another process sharing the database.</exception>
    public async Task RemoveLibraryAsync(long libraryId, CancellationToken cancellationToken)
    {
        _ = await GetLibraryAsync(libraryId, cancellationToken);

        // One transaction refuses while any process holds a live lease on the library.
        if (!await libraries.RemoveAsync(libraryId, cancellationToken))
        {
            throw new LibraryNotFoundException(libraryId);
        }

        LibrariesChanged?.Invoke(this, new LibrariesChangedEventArgs(libraryId, LibraryChange.Removed));
    }

    public Task<Library> UpdateLibraryAsync(long libraryId, string? name, bool? watch, CancellationToken cancellationToken) =>
        UpdateLibraryAsync(libraryId, name, watch, null, null, cancellationToken);

    /// <summary>
    /// Changes what is given: <paramref name="watchMode"/> wins over <paramref name="watch"/>, which turns an
    /// unwatched library to <see cref="WatchMode.Auto"/> (a watched one keeps its mode) or any library off;
    /// a <paramref name="pollSeconds"/> of 0 goes back to Watcher:PollSeconds.
    /// </summary>
    /// <exception cref="LibraryNotFoundException">There is no such library.</exception>
    public async Task<Library> UpdateLibraryAsync(
        long libraryId, string? name, bool? watch, WatchMode? watchMode, int? pollSeconds, CancellationToken cancellationToken)
    {
        var mode = watchMode ?? watch switch
        {
            false => WatchMode.Off,
            true when (await GetLibraryAsync(libraryId, cancellationToken)).WatchMode == WatchMode.Off => WatchMode.Auto,
            _ => (WatchMode?)null,
        };
        if (!await libraries.UpdateAsync(libraryId, string.IsNullOrWhiteSpace(name) ? null : name.Trim(), mode, pollSeconds, cancellationToken))
        {
            throw new LibraryNotFoundException(libraryId);
        }

        LibrariesChanged?.Invoke(this, new LibrariesChangedEventArgs(libraryId, LibraryChange.Updated));
        return await GetLibraryAsync(libraryId, cancellationToken);
    }

    /// <summary>
    /// Turns a folder given by a user into a target: a path relative to the root, or an absolute
    /// path inside the root. Anything that leaves the root is refused.
    /// </summary>
    /// <exception cref="InvalidScanPathException">The folder is outside the library.</exception>
    public static ScanTarget ResolveTarget(Library library, string? folder)
    {
        ArgumentNullException.ThrowIfNull(library);
        if (!string.IsNullOrEmpty(folder) && Path.IsPathRooted(folder) && Path.IsPathFullyQualified(folder))
        {
            return new ScanTarget(library.Id, PathNormalizer.RelativeToRoot(library.RootPath, folder));
        }

        return new ScanTarget(library.Id, folder);
    }

    /// <summary>Scans the given folders of one library now, in the caller's task.</summary>
    /// <exception cref="ArgumentException">No targets, or targets of several libraries.</exception>
    /// <exception cref="LibraryNotFoundException">The library does not exist.</exception>
    /// <exception cref="ScanAlreadyRunningException">The library is being scanned already.</exception>
    public Task<ScanResult> ScanTargetsAsync(IReadOnlyList<ScanTarget> targets, IProgress<ScanProgress>? progress, CancellationToken cancellationToken) =>
        ScanTargetsAsync(targets, allowMassMissing: false, progress, cancellationToken);

    /// <summary>
    /// Scans the given folders of one library now, in the caller's task, resuming an interrupted
    /// scan of the library on the way. <paramref name="allowMassMissing"/> is the user's confirmation
    /// that many files really went away, or that the library moved to another disk.
    /// </summary>
    /// <exception cref="ArgumentException">No targets, or targets of several libraries.</exception>
    /// <exception cref="LibraryNotFoundException">The library does not exist.</exception>
    /// <exception cref="ScanAlreadyRunningException">The library is being scanned already.</exception>
    /// <exception cref="InvalidLibraryRootException">The root is missing, not a folder, or unreadable.</exception>
    /// <exception cref="ScanRefusedException">The root looks like an unmounted drive.</exception>
    public async Task<ScanResult> ScanTargetsAsync(
        IReadOnlyList<ScanTarget> targets, bool allowMassMissing, IProgress<ScanProgress>? progress, CancellationToken cancellationToken)
    {
        var scope = ScanScope.From(targets);
        _ = await GetLibraryAsync(scope.LibraryId, cancellationToken);
        using var here = running.Enter(scope.LibraryId);
        return await scanWorkflow.RunAsync(scope.LibraryId, scope.ToTargets().ToList(), ScanOptionsFor(allowMassMissing), progress, cancellationToken);
    }

    /// <summary>
    /// Resumes the library's interrupted scan, if it has one and no scan holds the library: a full scan
    /// again in full, a targeted one on its recorded folders. Returns null when there was nothing to resume.
    /// </summary>
    public async Task<ScanResult?> ResumeInterruptedScanAsync(long libraryId, CancellationToken cancellationToken)
    {
        if (await InterruptedTargetsAsync(libraryId, cancellationToken) is not { } targets)
        {
            return null;
        }

        return await scanWorkflow.RunAsync(libraryId, targets, ScanOptionsFor(allowMassMissing: false), null, cancellationToken);
    }

    /// <summary>
    /// The folders of the library's interrupted scan, or null when it has none or a scan holds the
    /// library: the service queues them at start-up, and the scan that takes them resumes it.
    /// </summary>
    public async Task<IReadOnlyList<ScanTarget>?> InterruptedTargetsAsync(long libraryId, CancellationToken cancellationToken)
    {
        if (await GetScanStateAsync(libraryId, cancellationToken) != LibraryScanState.Interrupted
            || await ledger.FindResumePlanAsync(libraryId, null, cancellationToken) is not { } plan)
        {
            return null;
        }

        return plan.Folders.Select(f => new ScanTarget(libraryId, f)).ToList();
    }

    /// <summary>Deletes the record of one missing file; false when there is no such record or its file is present.</summary>
    public Task<bool> PurgeMissingFileAsync(long fileId, CancellationToken cancellationToken) => files.PurgeMissingFileAsync(fileId, cancellationToken);

    /// <summary>Deletes the records of files missing for longer than <paramref name="olderThan"/>, of one library or all. Returns how many.</summary>
    public Task<int> PurgeMissingAsync(long? libraryId, TimeSpan olderThan, CancellationToken cancellationToken) =>
        files.PurgeMissingAsync(libraryId, time.GetUtcNow() - olderThan, cancellationToken);

    internal ScanOptions ScanOptionsFor(bool allowMassMissing)
    {
        var options = scannerOptions.Value;
        return new ScanOptions(options.BatchSize, options.EffectiveParallelism)
        {
            LeaseFor = TimeSpan.FromSeconds(options.LeaseSeconds),
            MaxMissingRatio = options.MaxMissingRatio,
            MassMissingMinFiles = options.MassMissingMinFiles,
            AllowMassMissing = allowMassMissing,
            Fingerprints = options.Fingerprints,
            MaxTargets = options.MaxTargets,
            Symlinks = options.Symlinks,
            FileReadTimeout = TimeSpan.FromSeconds(options.FileReadTimeoutSeconds),
        };
    }

    /// <summary>A full scan of the library.</summary>
    public Task<ScanResult> StartScanForLibraryAsync(long libraryId, IProgress<ScanProgress>? progress, CancellationToken cancellationToken) =>
        ScanTargetsAsync([new ScanTarget(libraryId)], progress, cancellationToken);

    /// <summary>The library's scan state, as the CLI, the API and the page show it.</summary>
    /// <exception cref="LibraryNotFoundException">There is no such library.</exception>
    public async Task<LibraryScanState> GetScanStateAsync(long libraryId, CancellationToken cancellationToken) =>
        (await ledger.GetFactsAsync(libraryId, cancellationToken)) is [var facts]
            ? ScanStates.Of(facts, owner.Id)
            : throw new LibraryNotFoundException(libraryId);

    /// <summary>The scan state of every library, by id.</summary>
    public async Task<IReadOnlyDictionary<long, LibraryScanState>> GetScanStatesAsync(CancellationToken cancellationToken) =>
        (await ledger.GetFactsAsync(null, cancellationToken)).ToDictionary(f => f.LibraryId, f => ScanStates.Of(f, owner.Id));

    /// <summary>The scan of the library running now in this process or another, if any.</summary>
    public async Task<long?> RunningScanIdAsync(long libraryId, CancellationToken cancellationToken) =>
        (await ledger.GetFactsAsync(libraryId, cancellationToken)).SingleOrDefault()?.RunningRunId;

    public Task<Page<LibraryFile>> QueryFilesAsync(FileQuery query, CancellationToken cancellationToken) => files.QueryAsync(query, cancellationToken);

    public Task<LibraryFile?> GetFileAsync(long fileId, CancellationToken cancellationToken) => files.GetAsync(fileId, cancellationToken);

    /// <summary>Recent scans, newest first; a run whose process died (its lease lapsed) is shown as interrupted.</summary>
    public Task<IReadOnlyList<ScanRun>> ListScansAsync(long? libraryId, int limit, CancellationToken cancellationToken) =>
        ledger.ListAsync(libraryId, limit, cancellationToken);

    public Task<ScanRun?> GetScanAsync(long scanId, CancellationToken cancellationToken) => ledger.GetAsync(scanId, cancellationToken);
}
