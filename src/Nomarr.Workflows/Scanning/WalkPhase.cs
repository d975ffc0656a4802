using System.Diagnostics;
using System.Threading.Channels;
using Nomarr.Components.Identity;
using Nomarr.Components.Walking;
using Nomarr.Helpers.Options;
using Nomarr.Helpers.Paths;
using Nomarr.Helpers.Scanning;

namespace Nomarr.Workflows.Scanning;

/// <summary>
/// Phase 1: walks the scope's folders, counts unchanged files, and hands new or changed ones to the
/// tag readers. Several workers walk at once (directory enumeration is synchronous I/O, and on a
/// warm cache it is bound by CPU) while the stored files of the scope load; one compare stage then
/// checks each walked folder against them, so the walk never waits for the database.
/// </summary>
internal sealed class WalkPhase(DirectoryWalker walker, DeviceInodes inodes, ScanContext context, int parallelism, SymlinkPolicy symlinks)
{
    private const int ProgressEvery = 500;

    public List<WalkProblem> Problems { get; } = [];

    /// <summary>The playlist files found, for <see cref="PlaylistPhase"/>.</summary>
    public List<WalkEntry> Playlists { get; } = [];

    /// <summary>Walks, and compares what it walked with <paramref name="known"/> once that has loaded.</summary>
    public async Task RunAsync(Task<KnownFiles> known, ChannelWriter<WalkEntry> toRead, CancellationToken cancellationToken)
    {
        // Folders walked before the stored files have loaded wait here: unbounded, but the load is
        // one query and the walk of a large library far longer.
        var walked = Channel.CreateUnbounded<IReadOnlyList<WalkEntry>>(new UnboundedChannelOptions { SingleReader = true });
        using var walkCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var walking = WalkAsync(walked.Writer, walkCancel.Token);
        try
        {
            try
            {
                context.Known = await known;
                await foreach (var files in walked.Reader.ReadAllAsync(cancellationToken))
                {
                    await CompareAsync(files, toRead, cancellationToken);
                }
            }
            catch
            {
                // The walk's own failure is the one reported, if it failed; otherwise it stops here.
                await walkCancel.CancelAsync();
                await walking.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (walking.IsFaulted && walking.Exception.InnerException is not OperationCanceledException)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(walking.Exception.InnerException!);
                }

                throw;
            }

            await walking;
            toRead.Complete();
        }
        catch (Exception ex)
        {
            toRead.Complete(ex);
            throw;
        }
    }

    private async Task WalkAsync(ChannelWriter<IReadOnlyList<WalkEntry>> walked, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var stopwatch = Stopwatch.StartNew();
        try
        {
            foreach (var folder in context.Scope.Folders)
            {
                if (!IsPresentFolder(folder))
                {
                    // A targeted folder that is gone (deleted or moved away) is empty: its files are missing.
                    continue;
                }

                await walker.WalkParallelAsync(
                    context.Library.RootPath, folder, parallelism, Problems, Playlists, (files, ct) => walked.WriteAsync(files, ct), cancellationToken, symlinks);
            }

            context.WalkMs = stopwatch.ElapsedMilliseconds;
            walked.Complete();
        }
        catch (Exception ex)
        {
            walked.Complete(ex);
            throw;
        }
    }

    /// <summary>The files of one folder, on the compare stage.</summary>
    private async ValueTask CompareAsync(IReadOnlyList<WalkEntry> files, ChannelWriter<WalkEntry> toRead, CancellationToken cancellationToken)
    {
        foreach (var entry in files)
        {
            if (entry.Report is { } report)
            {
                context.Counters.FileFailed(new ScanFailure(entry.Path, report.Kind, report.Reason));
                context.LogFileFailed(entry.Path, report.Reason);
                continue;
            }

            var unchanged = context.Known.SeenUnchanged(entry.Path, entry.Size, entry.MtimeNs);
            if (context.Counters.FileWalked(unchanged) % ProgressEvery == 0)
            {
                context.Report(ScanPhase.Walking, PathNormalizer.ParentOf(entry.Path));
            }

            if (!unchanged)
            {
                await toRead.WriteAsync(entry, cancellationToken);
            }
        }
    }

    private bool IsPresentFolder(string folder)
    {
        var full = PathNormalizer.ToFullPath(context.Library.RootPath, folder);
        if (Directory.Exists(full))
        {
            return true;
        }

        if (System.IO.File.Exists(full))
        {
            // A target naming a file: it is not a folder to walk, but nothing below it can be missing either.
            Problems.Add(new WalkProblem(folder, "the target is a file, not a folder"));
        }
        else if (!inodes.IsCertainlyGone(full))
        {
            // Directory.Exists says false for a folder it cannot reach (permissions, I/O): that is not
            // proof that it is gone, so, as for an unreadable folder in a walk, its files are left alone.
            Problems.Add(new WalkProblem(folder, "the folder cannot be reached"));
        }

        return false;
    }
}
