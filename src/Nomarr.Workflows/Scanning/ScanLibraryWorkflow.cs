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
    IScanRunRepository runs,
    ScanComponents components,
    TimeProvider time,
    ILogger<ScanLibraryWorkflow> logger,
    IPlaylistRepository? playlists = null)
{
    private const int ReadQueueCapacity = 1024;

    /// <summary>
    /// The interrupted scan the library's next scan will resume, or null. Call it under the
    /// library's scan lease: then a scan started and never completed cannot be running.
    /// </summary>
    public Task<ResumePlan?> FindInterruptedAsync(long libraryId, int maxTargets, CancellationToken cancellationToken) =>
        new InterruptedScans(libraries, runs, maxTargets).FindAsync(libraryId, null, cancellationToken);

    /// <summary>
    /// Scans the targets, together with the folders of an interrupted scan of the library, if any
    /// (it is resumed: see <see cref="ScanResult.ResumedFrom"/>).
    /// </summary>
    /// <exception cref="LibraryNotFoundException">The library does not exist.</exception>
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
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1, nameof(options));
        var requested = ScanScope.From(targets);
        if (requested.LibraryId != libraryId)
        {
            throw new ArgumentException($"The scan targets belong to library {requested.LibraryId}, not {libraryId}.", nameof(targets));
        }

        // A run recorded by the caller (the queue's claimed run) is finished here whatever happens;
        // otherwise a run is recorded only once the root has passed its checks.
        long? scanId = options.RunId;
        try
        {
            var library = await libraries.GetAsync(libraryId, cancellationToken) ?? throw new LibraryNotFoundException(libraryId);
            var breaker = new RootBreaker(files, components.Identities);
            var rootDevice = await breaker.CheckAsync(library, options.AllowMassMissing, cancellationToken);
            var resume = await new InterruptedScans(libraries, runs, options.MaxTargets).FindAsync(libraryId, options.RunId, cancellationToken);
            var scope = resume is null ? requested : ScanScope.From(targets.Concat(resume.Folders.Select(f => new ScanTarget(libraryId, f))));
            if (resume is not null && scope.Folders.Count > options.MaxTargets)
            {
                scope = ScanScope.From([new ScanTarget(libraryId)]);
            }

            var stopwatch = Stopwatch.StartNew();
            scanId ??= await runs.StartAsync(libraryId, scope.Folders, scope.IsFull, time.GetUtcNow(), cancellationToken);
            await libraries.MarkScanStartedAsync(libraryId, scope.IsFull, time.GetUtcNow(), cancellationToken);
            ScanLog.Started(logger, scanId.Value, libraryId, string.Join(", ", scope.Folders.Select(f => f.Length == 0 ? "/" : f)), scope.IsFull);
            if (resume is not null)
            {
                await runs.SetStatusAsync(resume.RunIds, ScanRunStatus.Interrupted, cancellationToken);
                ScanLog.Resuming(logger, scanId.Value, libraryId, resume.ResumedFrom ?? 0, string.Join(", ", resume.Folders.Select(f => f.Length == 0 ? "/" : f)));
            }

            // Where a scan's time goes, logged at the end (`nomarr scan -v`; the benchmark reads it).
            var startedMs = stopwatch.ElapsedMilliseconds;
            var known = await KnownFiles.LoadAsync(files, libraryId, scope.Folders, cancellationToken);
            var knownMs = stopwatch.ElapsedMilliseconds;
            var fingerprints = options.Fingerprints && components.Reader.FingerprintsAvailable;
            var context = new ScanContext(library, scope, scanId.Value, known, time, progress, logger) { Fingerprints = fingerprints };
            context.Report(ScanPhase.Starting, null);
            var (seen, problems, playlistFiles) = await RunPipelineAsync(context, options, cancellationToken);
            var pipelineMs = stopwatch.ElapsedMilliseconds;

            // A drive pulled out during the walk makes folders look empty or gone: nothing may be concluded from it.
            breaker.EnsureStillThere(library, rootDevice);
            var moved = await new MovePhase(files, components.Identities, context).RunAsync(problems, options.BatchSize, cancellationToken);

            var movesMs = stopwatch.ElapsedMilliseconds;

            context.Report(ScanPhase.MarkingMissing, null);
            var missing = await new MissingPhase(files, context, options).RunAsync(seen, problems, moved, cancellationToken);
            // An engine that stores no playlists yet scans all the same.
            if (playlists is not null)
            {
                await new PlaylistPhase(playlists, files, context).RunAsync(playlistFiles, problems, cancellationToken);
            }
            ScanLog.Timings(
                logger, scanId.Value, startedMs, knownMs - startedMs, known.Count, context.WalkMs, pipelineMs - knownMs, movesMs - pipelineMs, stopwatch.ElapsedMilliseconds - movesMs);
            foreach (var problem in problems)
            {
                ScanLog.FolderUnreadable(logger, libraryId, problem.Folder, problem.Reason);
            }

            var result = BuildResult(context, missing, problems, stopwatch.ElapsedMilliseconds) with
            {
                ResumedFrom = resume?.ResumedFrom,
                Fingerprints = !options.Fingerprints ? "off" : fingerprints ? "on" : "unavailable",
            };
            await libraries.SetRootDeviceAsync(libraryId, rootDevice, cancellationToken);
            await libraries.MarkScanCompletedAsync(libraryId, time.GetUtcNow(), cancellationToken);
            await runs.FinishAsync(scanId.Value, ScanRunStatus.Completed, result, null, time.GetUtcNow(), cancellationToken);
            if (resume is not null)
            {
                await runs.SetStatusAsync(resume.RunIds, ScanRunStatus.Resumed, cancellationToken);
            }

            context.Report(ScanPhase.Finished, null);
            ScanLog.Finished(logger, scanId.Value, result.DurationMs, result.FilesScanned, result.FilesAdded, result.FilesUpdated, result.FilesUnchanged, result.FilesMissing, result.FilesFailed);
            return result;
        }
        catch (OperationCanceledException) when (scanId is { } stopped)
        {
            // The library stays "started", so its next scan covers these folders again. A shutdown of
            // the service records the run as interrupted; a request (or Ctrl-C) as cancelled.
            var interrupted = options.Shutdown.IsCancellationRequested;
            ScanLog.Cancelled(logger, stopped, libraryId);
            await runs.FinishAsync(
                stopped,
                interrupted ? ScanRunStatus.Interrupted : ScanRunStatus.Cancelled,
                null,
                interrupted ? "interrupted by a shutdown; resumed at the next start" : "cancelled",
                time.GetUtcNow(),
                CancellationToken.None);
            throw;
        }
        catch (Exception ex) when (scanId is { } failed)
        {
            ScanLog.Failed(logger, failed, libraryId, ex.Message);
            ScanLog.FailedAt(logger, ex, failed);
            await runs.FinishAsync(failed, ScanRunStatus.Failed, null, ex.Message, time.GetUtcNow(), CancellationToken.None);
            throw;
        }
    }

    private async Task<(IReadOnlySet<string> Seen, IReadOnlyList<WalkProblem> Problems, IReadOnlyList<WalkEntry> Playlists)> RunPipelineAsync(
        ScanContext context, ScanOptions options, CancellationToken cancellationToken)
    {
        var toRead = Channel.CreateBounded<WalkEntry>(new BoundedChannelOptions(ReadQueueCapacity));
        var toWrite = Channel.CreateBounded<FileRecord>(new BoundedChannelOptions(options.BatchSize * 2) { SingleReader = true });

        // One failing stage cancels the others, so that none waits forever on a full channel.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var walk = new WalkPhase(components.Walker, components.Identities, context, options.EffectiveParallelism, options.Symlinks);
        var walking = Task.Run(() => walk.RunAsync(toRead.Writer, linked.Token), linked.Token);
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

        return (walk.Seen, walk.Problems, walk.Playlists);
    }

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
