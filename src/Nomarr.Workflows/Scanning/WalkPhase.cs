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

    // Folders the walk may be ahead of the compare stage once the stored files have loaded.
    private const int WalkedFolders = 64;

    public List<WalkProblem> Problems { get; } = [];

    /// <summary>The playlist files found, for <see cref="PlaylistPhase"/>.</summary>
    public List<WalkEntry> Playlists { get; } = [];

    /// <summary>Walks, and compares what it walked with <paramref name="known"/> once that has loaded.</summary>
    public async Task RunAsync(Task<KnownFiles> known, ChannelWriter<WalkEntry> toRead, CancellationToken cancellationToken)
    {
        // Bounded: once the readers fall behind (a first scan), the walk waits for them instead of
        // holding every folder of the library in memory. Folders walked before the stored files have
        // loaded wait in a list of their own, so the walk never waits for the database.
        var walked = Channel.CreateBounded<IReadOnlyList<WalkEntry>>(new BoundedChannelOptions(Math.Max(WalkedFolders, parallelism * 16)) { SingleReader = true });
        using var walkCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var walking = WalkAsync(walked.Writer, walkCancel.Token);
        try
        {
            try
            {
                var early = await WhileLoadingAsync(known, walked.Reader, cancellationToken);
                context.Known = await known;
                foreach (var files in early)
                {
                    await CompareAsync(files, toRead, cancellationToken);
                }

                early.Clear();
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

    /// <summary>Takes the folders walked until the stored files have loaded (or the walk ended).</summary>
    private static async Task<List<IReadOnlyList<WalkEntry>>> WhileLoadingAsync(Task<KnownFiles> known, ChannelReader<IReadOnlyList<WalkEntry>> walked, CancellationToken cancellationToken)
    {
        var early = new List<IReadOnlyList<WalkEntry>>();
        while (!known.IsCompleted)
        {
            var ready = walked.WaitToReadAsync(cancellationToken).AsTask();
            if (await Task.WhenAny(known, ready) != ready)
            {
                break;
            }

            if (!await ready)
            {
                break;
            }

            while (walked.TryRead(out var files))
            {
                early.Add(files);
            }
        }

        return early;
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
