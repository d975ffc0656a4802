using System.Threading.Channels;
using Nomarr.Components.Walking;
using Nomarr.Helpers.Paths;
using Nomarr.Helpers.Scanning;

namespace Nomarr.Workflows.Scanning;

/// <summary>
/// Phase 1: walks the scope's folders, counts unchanged files, and hands new or changed ones to the
/// tag readers. Runs on its own thread: directory enumeration is synchronous I/O.
/// </summary>
internal sealed class WalkPhase(DirectoryWalker walker, ScanContext context)
{
    private const int ProgressEvery = 500;

    public HashSet<string> Seen { get; } = new(StringComparer.Ordinal);

    public List<WalkProblem> Problems { get; } = [];

    public async Task RunAsync(ChannelWriter<WalkEntry> toRead, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var folder in context.Scope.Folders)
            {
                if (!IsPresentFolder(folder))
                {
                    // A targeted folder that is gone (deleted or moved away) is empty: its files are missing.
                    continue;
                }

                foreach (var entry in walker.Walk(context.Library.RootPath, folder, Problems, cancellationToken))
                {
                    Seen.Add(entry.Path);
                    var unchanged = context.Known.IsUnchanged(entry.Path, entry.Size, entry.MtimeNs);
                    context.Counters.FileWalked(unchanged);
                    if (!unchanged)
                    {
                        await toRead.WriteAsync(entry, cancellationToken);
                    }

                    if (context.Counters.Scanned % ProgressEvery == 0)
                    {
                        context.Report(ScanPhase.Walking, PathNormalizer.ParentOf(entry.Path));
                    }
                }
            }

            toRead.Complete();
        }
        catch (Exception ex)
        {
            toRead.Complete(ex);
            throw;
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

        return false;
    }
}
