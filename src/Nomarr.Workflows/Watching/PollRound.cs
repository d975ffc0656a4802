using System.IO.Hashing;
using System.Runtime.InteropServices;
using Nomarr.Components.Identity;
using Nomarr.Components.Walking;
using Nomarr.Helpers.Paths;

namespace Nomarr.Workflows.Watching;

/// <summary>
/// One poll of a library: the scan's own walk (folder listings, a stat per audio file, .nomarrignore
/// rules applied), reduced to a <see cref="FolderSnapshot"/>. Nothing is read from the files and
/// nothing is written anywhere.
/// </summary>
/// <remarks>
/// A root that is gone, on another device than before (an unmounted share leaves its mount point on
/// the parent filesystem), or empty where it held files is reported as <see cref="DirectoryNotFoundException"/>
/// rather than as folders that disappeared, so a poll never leads to files being marked missing
/// because a share went away.
/// </remarks>
public sealed class PollRound(DirectoryWalker walker, DeviceInodes inodes)
{
    /// <exception cref="DirectoryNotFoundException">The root is gone, unmounted, or empty where it held files.</exception>
    public FolderSnapshot Take(string root, FolderSnapshot? previous, PollProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException("The library folder " + root + " is gone.");
        }

        var device = inodes.Of(root)?.Device;
        progress.Step();
        if (previous?.RootDevice is { } before && device is { } now && before != now)
        {
            throw new DirectoryNotFoundException("The library folder " + root + " is on another device than before (an unmounted share?).");
        }

        var problems = new List<WalkProblem>();
        var folders = new Dictionary<string, FolderDigest>(previous?.FolderCount ?? 64, StringComparer.Ordinal);
        var files = 0;
        string? current = null;
        var hash = new XxHash64();
        var count = 0;
        foreach (var entry in walker.Walk(root, string.Empty, problems, cancellationToken))
        {
            progress.Step();
            var folder = PathNormalizer.ParentOf(entry.Path);
            if (!string.Equals(folder, current, StringComparison.Ordinal))
            {
                Close(folders, current, hash, count);
                current = folder;
                count = 0;
            }

            hash.Append(MemoryMarshal.AsBytes(entry.Path.AsSpan(folder.Length)));
            Span<long> numbers = [entry.Size, entry.MtimeNs];
            hash.Append(MemoryMarshal.AsBytes(numbers));
            count++;
            files++;
        }

        Close(folders, current, hash, count);
        if (files == 0 && previous is { FileCount: > 0 } && problems.Count == 0)
        {
            throw new DirectoryNotFoundException("The library folder " + root + " is empty where it held files (an unmounted share?).");
        }

        return new FolderSnapshot(folders, device, files).KeepingFrom(previous, problems.Select(p => p.Folder));
    }

    private static void Close(Dictionary<string, FolderDigest> folders, string? folder, XxHash64 hash, int count)
    {
        if (folder is not null && count > 0)
        {
            // The walker lists a folder's files together, so each folder is closed once.
            folders[folder] = new FolderDigest(count, hash.GetCurrentHashAsUInt64());
            hash.Reset();
        }
    }
}
