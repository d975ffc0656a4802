using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Nomarr.Components.Walking;
using Nomarr.Helpers.Errors;
using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Scanning;
using Nomarr.Persistence;

namespace Nomarr.Workflows.Scanning;

/// <summary>
/// Scans folders of a library into the database: walk, read tags of new and changed files in
/// parallel, write in batches, then mark what disappeared as missing. See README.md beside this file.
/// </summary>
public sealed class ScanLibraryWorkflow(
    ILibraryRepository libraries,
    ILibraryFileRepository files,
    IScanLedger ledger,
    ScanClaims claims,
    ScanComponents components,
    TimeProvider time,
    ILogger<ScanLibraryWorkflow> logger,
    IPlaylistRepository playlists)
{
    private const int ReadQueueCapacity = 1024;

    /// <summary>
    /// Claims the library for a run on these targets and scans them, together with the folders of an
    /// interrupted scan of the library, if any (it is resumed: see <see cref="ScanResult.ResumedFrom"/>).
    /// A root that fails its checks is refused before anything is recorded.
    /// </summary>
    /// <exception cref="LibraryNotFoundException">The library does not exist.</exception>
    /// <exception cref="ScanAlreadyRunningException">Another scan holds the library.</exception>
    /// <exception cref="InvalidLibraryRootException">The library root is not there: nothing is scanned or marked missing.</exception>
    /// <exception cref="ScanRefusedException">The root looks like an unmounted drive: nothing is scanned or marked missing.</exception>
    public async Task<ScanResult> RunAsync(
        long libraryId,
        IReadOnlyList<ScanTarget> targets,
        ScanOptions? options = null,
        IProgress<ScanProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new ScanOptions();
        var requested = ScanScope.From(targets);
        if (requested.LibraryId != libraryId)
        {
            throw new ArgumentException($"The scan targets belong to library {requested.LibraryId}, not {libraryId}.", nameof(targets));
        }

        var root = await CheckRootAsync(libraryId, new RootBreaker(files, components.Inodes), options.AllowMassMissing, cancellationToken);
        var claim = await claims.StartAsync(libraryId, requested.Folders, options.LeaseFor, cancellationToken);
        return await RunClaimedAsync(claim, options, progress, root, cancellationToken);
    }

    /// <summary>
    /// Scans what <paramref name="claim"/> covers, with the folders of an interrupted scan of the
    /// library, and records how it ended on the ledger: completed with its counts, cancelled, failed,
    /// or interrupted (a shutdown, or a lost lease, whose reason the run keeps).
    /// </summary>
    /// <exception cref="LeaseLostException">The lease was lost: the scan stopped and was recorded interrupted.</exception>
    public Task<ScanResult> RunClaimedAsync(ScanClaim claim, ScanOptions? options, IProgress<ScanProgress>? progress, CancellationToken cancellationToken) =>
        RunClaimedAsync(claim, options, progress, null, cancellationToken);

    // checkedRoot: the library and its root's device when its root was checked right before the claim; null: checked here.
    private async Task<ScanResult> RunClaimedAsync(
        ScanClaim claim, ScanOptions? options, IProgress<ScanProgress>? progress, (Library Library, long? Device)? checkedRoot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        options ??= new ScanOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1, nameof(options));
        var libraryId = claim.LibraryId;
        var scanId = claim.RunId;
        await using var lease = new LeaseKeeper(ledger, claim, options.LeaseFor, time, logger, cancellationToken);
        var token = lease.Token;
        try
        {
            var breaker = new RootBreaker(files, components.Inodes);
            var (library, rootDevice) = checkedRoot ?? await CheckRootAsync(libraryId, breaker, options.AllowMassMissing, token);
            var resume = await ledger.FindResumePlanAsync(libraryId, scanId, token);
            var scope = ScanScope.From(claim.Folders.Concat(resume?.Folders ?? []).Select(f => new ScanTarget(libraryId, f)));

            // A failed run is resumed in full (its failure may have come from its own folder list, and a
            // full scan does not depend on one); so are more than MaxTargets folders merged together.
            if (resume is not null && (resume.IncludesFailed || scope.Folders.Count > options.MaxTargets))
            {
                scope = ScanScope.From([new ScanTarget(libraryId)]);
            }

            var stopwatch = Stopwatch.StartNew();
            var cpuAtStart = Environment.CpuUsage.TotalTime;
            ScanLog.Started(logger, scanId, libraryId, string.Join(", ", scope.Folders.Select(f => f.Length == 0 ? "/" : f)), scope.IsFull);
            if (resume is not null)
            {
                ScanLog.Resuming(logger, scanId, libraryId, resume.ResumedFrom, string.Join(", ", resume.Folders.Select(f => f.Length == 0 ? "/" : f)));
            }

            // Where a scan's time goes, logged at the end (`nomarr scan -v`; the benchmark reads it).
            var startedMs = stopwatch.ElapsedMilliseconds;
            var fingerprints = options.Fingerprints && components.Reader.FingerprintsAvailable;
            var recorded = new RunProgressRecorder(ledger, claim, progress, time);
            var context = new ScanContext(library, scope, claim, time, recorded, logger) { Fingerprints = fingerprints };
            context.Report(ScanPhase.Starting, null);
            var (problems, playlistFiles, knownMs) = await RunPipelineAsync(context, options, token);
            var pipelineMs = stopwatch.ElapsedMilliseconds;

            // A drive pulled out during the walk makes folders look empty or gone: nothing may be concluded from it.
            breaker.EnsureStillThere(library, rootDevice);
            var moved = await new MovePhase(files, components.Inodes, context).RunAsync(problems, options.BatchSize, token);

            var movesMs = stopwatch.ElapsedMilliseconds;

            context.Report(ScanPhase.MarkingMissing, null);
            var missing = await new MissingPhase(files, context, options).RunAsync(problems, moved, token);
            await new PlaylistPhase(playlists, files, context).RunAsync(playlistFiles, problems, token);
            var counters = context.Counters;
            ScanLog.Timings(
                logger, scanId, startedMs, knownMs, context.Known.Count, context.WalkMs, pipelineMs - startedMs, movesMs - pipelineMs, stopwatch.ElapsedMilliseconds - movesMs,
                Ms(counters.ReadTime), Ms(counters.TagTime), Ms(counters.KeyTime), Ms(counters.WriteTime), Ms(Environment.CpuUsage.TotalTime - cpuAtStart));
            foreach (var problem in problems)
            {
                ScanLog.FolderUnreadable(logger, libraryId, problem.Folder, problem.Reason);
            }

            var result = BuildResult(context, missing, problems, stopwatch.ElapsedMilliseconds) with
            {
                ResumedFrom = resume?.ResumedFrom,
                Fingerprints = !options.Fingerprints ? "off" : fingerprints ? "on" : "unavailable",
            };

            // Everything is written: a cancel arriving now must not turn a finished scan into a cancelled one.
            await ledger.CompleteAsync(claim, result, rootDevice, time.GetUtcNow(), CancellationToken.None);
            context.Report(ScanPhase.Finished, null);
            ScanLog.Finished(logger, scanId, result.DurationMs, result.FilesScanned, result.FilesAdded, result.FilesUpdated, result.FilesUnchanged, result.FilesMissing, result.FilesFailed);
            return result;
        }
        catch (OperationCanceledException) when (lease.LostReason is { } reason)
        {
            await StopLostAsync(claim, reason);
            throw LeaseLostException.For(claim);
        }
        catch (LeaseLostException ex)
        {
            await StopLostAsync(claim, ex.Message);
            throw;
        }
        catch (OperationCanceledException)
        {
            // The folders stay unfinished, so the library's next scan covers them again. A shutdown of
            // the service records the run as interrupted; a request (or Ctrl-C) as cancelled.
            ScanLog.Cancelled(logger, scanId, libraryId);
            if (options.Shutdown.IsCancellationRequested)
            {
                await RecordEndAsync(claim, () => ledger.InterruptAsync(claim, "interrupted by a shutdown; resumed at the next start", time.GetUtcNow(), CancellationToken.None));
            }
            else
            {
                await RecordEndAsync(claim, () => ledger.CancelAsync(claim, time.GetUtcNow(), CancellationToken.None));
            }

            throw;
        }
        catch (Exception ex)
        {
            ScanLog.Failed(logger, scanId, libraryId, ex.Message);
            ScanLog.FailedAt(logger, ex, scanId);
            await RecordEndAsync(claim, () => ledger.FailAsync(claim, ex.Message, time.GetUtcNow(), CancellationToken.None));
            throw;
        }
    }

    /// <summary>The library, and its root's device once the root passed the breaker.</summary>
    private async Task<(Library Library, long? Device)> CheckRootAsync(long libraryId, RootBreaker breaker, bool confirmed, CancellationToken cancellationToken)
    {
        var library = await libraries.GetAsync(libraryId, cancellationToken) ?? throw new LibraryNotFoundException(libraryId);
        return (library, await breaker.CheckAsync(library, confirmed, cancellationToken));
    }

    /// <summary>
    /// Records how a scan that did not complete ended. The database may be what failed it (locked by
    /// another process, full, read-only): then the end cannot be written either, and the scan's own error
    /// is the one to report. The run is left to its lease, which lapses (the run is then shown interrupted)
    /// or is taken over by the next scan, which resumes it; nothing is marked missing meanwhile.
    /// </summary>
    private async Task RecordEndAsync(ScanClaim claim, Func<Task> record)
    {
        try
        {
            await record();
        }
        catch (PersistenceException ex)
        {
            ScanLog.EndNotRecorded(logger, claim.RunId, claim.LibraryId, ex.Message);
        }
    }

    /// <summary>A scan that lost its lease records itself interrupted, unless the process that took over did already.</summary>
    private async Task StopLostAsync(ScanClaim claim, string reason)
    {
        ScanLog.LeaseLost(logger, claim.RunId, claim.LibraryId, reason);
        await RecordEndAsync(claim, () => ledger.InterruptAsync(claim, reason, time.GetUtcNow(), CancellationToken.None));
    }

    /// <summary>The walk, reads and writes; the stored files of the scope load while the walk starts. Returns the folders it could not read, the playlists found, and how long the load took.</summary>
    private async Task<(IReadOnlyList<WalkProblem> Problems, IReadOnlyList<WalkEntry> Playlists, long KnownMs)> RunPipelineAsync(
        ScanContext context, ScanOptions options, CancellationToken cancellationToken)
    {
        var toRead = Channel.CreateBounded<WalkEntry>(new BoundedChannelOptions(ReadQueueCapacity));
        var toWrite = Channel.CreateBounded<FileRecord>(new BoundedChannelOptions(options.BatchSize * 2) { SingleReader = true });

        // One failing stage cancels the others, so that none waits forever on a full channel.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var knownWatch = Stopwatch.StartNew();
        var known = Task.Run(
            async () =>
            {
                var loaded = await KnownFiles.LoadAsync(files, context.Library.Id, context.Scope.Folders, linked.Token);
                knownWatch.Stop();
                return loaded;
            },
            linked.Token);
        var walk = new WalkPhase(components.Walker, components.Inodes, context, options.EffectiveParallelism, options.Symlinks);
        var walking = Task.Run(() => walk.RunAsync(known, toRead.Writer, linked.Token), linked.Token);
        var reading = new ReadPhase(components.Reader, context, options.FileReadTimeout).RunAsync(toRead.Reader, toWrite.Writer, options.EffectiveParallelism, linked.Token);
        var writing = new WritePhase(files, context).RunAsync(toWrite.Reader, options.BatchSize, linked.Token);

        var stages = new[] { walking, reading, writing };
        try
        {
            // The list is taken once per round: stages may finish between a check and a wait.
            while (stages.Where(s => !s.IsCompleted).ToList() is { Count: > 0 } running)
            {
                var done = await Task.WhenAny(running);
                if (done.IsFaulted || done.IsCanceled)
                {
                    await linked.CancelAsync();
                }
            }

            await Task.WhenAll(stages);
        }
        catch when (stages.FirstOrDefault(s => s.IsFaulted && s.Exception?.InnerException is not OperationCanceledException) is { } failed)
        {
            // Report the stage that failed first, not the cancellations it caused in the others.
            // Rethrown with the stage's own stack trace, so that the logged failure shows where it happened.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failed.Exception!.InnerException!);
            throw;
        }

        return (walk.Problems, walk.Playlists, knownWatch.ElapsedMilliseconds);
    }

    private static long Ms(TimeSpan time) => (long)time.TotalMilliseconds;

    private static ScanResult BuildResult(ScanContext context, MissingOutcome missingOutcome, IReadOnlyList<WalkProblem> problems, long durationMs)
    {
        var c = context.Counters;
        var missing = missingOutcome.Marked;
        return new ScanResult
        {
            ScanId = context.ScanId,
            LibraryId = context.Library.Id,
            FullScan = context.Scope.IsFull,
            Targets = context.Scope.Folders,
            FilesScanned = c.Scanned - c.Vanished - c.Skipped,
            FilesSkipped = c.Skipped,
            FilesAdded = c.Added,
            FilesUpdated = c.Updated,
            FilesUnchanged = c.Unchanged,
            FilesMissing = missing,
            FilesMoved = c.Moved,
            MissingHeldBack = missingOutcome.HeldBack,
            HeldBackReason = missingOutcome.HeldBackReason,
            FilesFailed = c.Failed,
            FilesVanished = c.Vanished,
            ChangesDetected = c.Added + c.Updated + c.Moved + missing > 0,
            DbTransactions = c.Batches + (missing > 0 ? 1 : 0),
            UnreadableFolders = problems.Select(p => p.Folder).ToList(),
            Failures = c.Failures.ToList(),
            DurationMs = durationMs,
        };
    }
}
