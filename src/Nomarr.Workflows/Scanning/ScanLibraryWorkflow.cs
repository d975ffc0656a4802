using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Nomarr.Components.Tags;
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
    DirectoryWalker walker,
    TagReader tagReader,
    TimeProvider time,
    ILogger<ScanLibraryWorkflow> logger)
{
    private const int ReadQueueCapacity = 1024;

    /// <exception cref="LibraryNotFoundException">The library does not exist.</exception>
    /// <exception cref="InvalidLibraryRootException">The library root is not there: nothing is scanned or marked missing.</exception>
    public async Task<ScanResult> RunAsync(
        long libraryId,
        IReadOnlyList<ScanTarget> targets,
        ScanOptions? options = null,
        IProgress<ScanProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new ScanOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1, nameof(options));
        var scope = ScanScope.From(targets);
        if (scope.LibraryId != libraryId)
        {
            throw new ArgumentException($"The scan targets belong to library {scope.LibraryId}, not {libraryId}.", nameof(targets));
        }

        var library = await libraries.GetAsync(libraryId, cancellationToken) ?? throw new LibraryNotFoundException(libraryId);
        EnsureRootIsThere(library);

        var stopwatch = Stopwatch.StartNew();
        var scanId = await runs.StartAsync(libraryId, scope.Folders, scope.IsFull, time.GetUtcNow(), cancellationToken);
        await libraries.MarkScanStartedAsync(libraryId, scope.IsFull, time.GetUtcNow(), cancellationToken);
        ScanLog.Started(logger, scanId, libraryId, string.Join(", ", scope.Folders.Select(f => f.Length == 0 ? "/" : f)), scope.IsFull);

        try
        {
            var known = await KnownFiles.LoadAsync(files, libraryId, scope.Folders, cancellationToken);
            var context = new ScanContext(library, scope, scanId, known, time, progress, logger);
            context.Report(ScanPhase.Starting, null);
            var (seen, problems) = await RunPipelineAsync(context, options, cancellationToken);

            context.Report(ScanPhase.MarkingMissing, null);
            var missing = await new MissingPhase(files, context).RunAsync(seen, problems, cancellationToken);
            foreach (var problem in problems)
            {
                ScanLog.FolderUnreadable(logger, libraryId, problem.Folder, problem.Reason);
            }

            var result = BuildResult(context, missing, problems, stopwatch.ElapsedMilliseconds);
            await libraries.MarkScanCompletedAsync(libraryId, time.GetUtcNow(), cancellationToken);
            await runs.FinishAsync(scanId, ScanRunStatus.Completed, result, null, time.GetUtcNow(), cancellationToken);
            context.Report(ScanPhase.Finished, null);
            ScanLog.Finished(logger, scanId, result.DurationMs, result.FilesScanned, result.FilesAdded, result.FilesUpdated, result.FilesUnchanged, result.FilesMissing, result.FilesFailed);
            return result;
        }
        catch (OperationCanceledException)
        {
            // The library stays "started": the next start sees the scan as interrupted.
            ScanLog.Cancelled(logger, scanId, libraryId);
            await runs.FinishAsync(scanId, ScanRunStatus.Cancelled, null, "cancelled", time.GetUtcNow(), CancellationToken.None);
            throw;
        }
        catch (Exception ex)
        {
            ScanLog.Failed(logger, ex, scanId, libraryId);
            await runs.FinishAsync(scanId, ScanRunStatus.Failed, null, ex.Message, time.GetUtcNow(), CancellationToken.None);
            throw;
        }
    }

    private async Task<(IReadOnlySet<string> Seen, IReadOnlyList<WalkProblem> Problems)> RunPipelineAsync(
        ScanContext context, ScanOptions options, CancellationToken cancellationToken)
    {
        var toRead = Channel.CreateBounded<WalkEntry>(new BoundedChannelOptions(ReadQueueCapacity) { SingleWriter = true });
        var toWrite = Channel.CreateBounded<FileRecord>(new BoundedChannelOptions(options.BatchSize * 2) { SingleReader = true });

        // One failing stage cancels the others, so that none waits forever on a full channel.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var walk = new WalkPhase(walker, context);
        var walking = Task.Run(() => walk.RunAsync(toRead.Writer, linked.Token), linked.Token);
        var reading = new ReadPhase(tagReader, context).RunAsync(toRead.Reader, toWrite.Writer, options.EffectiveParallelism, linked.Token);
        var writing = new WritePhase(files, context).RunAsync(toWrite.Reader, options.BatchSize, linked.Token);

        var stages = new[] { walking, reading, writing };
        try
        {
            while (stages.Any(s => !s.IsCompleted))
            {
                var done = await Task.WhenAny(stages.Where(s => !s.IsCompleted));
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
            throw failed.Exception!.InnerException!;
        }

        return (walk.Seen, walk.Problems);
    }

    private static void EnsureRootIsThere(Library library)
    {
        if (!Directory.Exists(library.RootPath))
        {
            throw new InvalidLibraryRootException(library.RootPath, "the folder does not exist (is the drive mounted?); nothing was scanned or marked missing");
        }
    }

    private static ScanResult BuildResult(ScanContext context, int missing, IReadOnlyList<WalkProblem> problems, long durationMs)
    {
        var c = context.Counters;
        return new ScanResult
        {
            ScanId = context.ScanId,
            LibraryId = context.Library.Id,
            FullScan = context.Scope.IsFull,
            Targets = context.Scope.Folders,
            FilesScanned = c.Scanned - c.Vanished,
            FilesAdded = c.Added,
            FilesUpdated = c.Updated,
            FilesUnchanged = c.Unchanged,
            FilesMissing = missing,
            FilesFailed = c.Failed,
            FilesVanished = c.Vanished,
            ChangesDetected = c.Added + c.Updated + missing > 0,
            DbTransactions = c.Batches + (missing > 0 ? 1 : 0),
            UnreadableFolders = problems.Select(p => p.Folder).ToList(),
            Failures = c.Failures.ToList(),
            DurationMs = durationMs,
        };
    }
}
