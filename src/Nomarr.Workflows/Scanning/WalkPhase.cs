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
/// warm cache it is bound by CPU), each comparing the files of the folders it read.
/// </summary>
internal sealed class WalkPhase(DirectoryWalker walker, FileIdentities identities, ScanContext context, int parallelism, SymlinkPolicy symlinks)
{
    private const int ProgressEvery = 500;

    public HashSet<string> Seen { get; } = new(StringComparer.Ordinal);

    public List<WalkProblem> Problems { get; } = [];

    /// <summary>The playlist files found, for <see cref="PlaylistPhase"/>.</summary>
    public List<WalkEntry> Playlists { get; } = [];

    public async Task RunAsync(ChannelWriter<WalkEntry> toRead, CancellationToken cancellationToken)
    {
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
                    context.Library.RootPath, folder, parallelism, Problems, Playlists, (files, ct) => CompareAsync(files, toRead, ct), cancellationToken, symlinks);
            }

            context.WalkMs = stopwatch.ElapsedMilliseconds;
            toRead.Complete();
        }
        catch (Exception ex)
        {
            toRead.Complete(ex);
            throw;
        }
    }

    /// <summary>The files of one folder, on the worker that read it.</summary>
    private async ValueTask CompareAsync(IReadOnlyList<WalkEntry> files, ChannelWriter<WalkEntry> toRead, CancellationToken cancellationToken)
    {
        lock (Seen)
        {
            foreach (var entry in files)
            {
                Seen.Add(entry.Path);
            }
        }

        foreach (var entry in files)
        {
            if (entry.Report is { } report)
            {
                context.Counters.FileFailed(new ScanFailure(entry.Path, report.Kind, report.Reason));
                context.LogFileFailed(entry.Path, report.Reason);
                continue;
            }

            var unchanged = context.Known.IsUnchanged(entry.Path, entry.Size, entry.MtimeNs);
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
        else if (!identities.IsCertainlyGone(full))
        {
            // Directory.Exists says false for a folder it cannot reach (permissions, I/O): that is not
            // proof that it is gone, so, as for an unreadable folder in a walk, its files are left alone.
            Problems.Add(new WalkProblem(folder, "the folder cannot be reached"));
        }

        return false;
    }
}
