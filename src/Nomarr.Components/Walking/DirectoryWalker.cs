using System.IO.Enumeration;
using System.Threading.Channels;
using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Paths;

namespace Nomarr.Components.Walking;

/// <summary>
/// Lists the audio files under a folder of a library, without reading them.
/// </summary>
/// <remarks>
/// Size and mtime come from the directory enumeration itself (one getdents plus one stat per
/// audio file; other files are never stat-ed), so walking costs no more than `find -printf`.
/// Symbolic links to folders are followed once: a link whose target was already visited, or that
/// points to one of its own ancestors, is skipped, so a loop cannot hang the walk. Paths excluded
/// by .nomarrignore files (see <see cref="IgnoreRules"/>) are not listed, and excluded folders are
/// not entered.
/// </remarks>
public sealed class DirectoryWalker
{
    private static readonly EnumerationOptions Options = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = false,
        AttributesToSkip = 0,
        ReturnSpecialDirectories = false,
    };

    /// <summary>
    /// Walks <paramref name="folder"/> (root-relative, "" = the root) depth first, in name order.
    /// Folders that cannot be read are added to <paramref name="problems"/> and skipped.
    /// </summary>
    public IEnumerable<WalkEntry> Walk(string root, string folder, ICollection<WalkProblem> problems, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var walk = new WalkState(root, problems);
        var start = PathNormalizer.NormalizeRelative(folder);
        if (StartRules(walk.RootFull, start) is not { } startRules)
        {
            yield break;
        }

        var pending = new Stack<(string Relative, IgnoreRules Rules)>();
        pending.Push((start, startRules));

        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (relative, rules) = pending.Pop();
            var entries = ReadFolder(walk, relative, rules);
            if (entries is null)
            {
                continue;
            }

            // Push subfolders in reverse so that they are visited in name order.
            for (var i = entries.Folders.Count - 1; i >= 0; i--)
            {
                pending.Push((entries.Folders[i], entries.Rules));
            }

            foreach (var file in entries.Files)
            {
                yield return file;
            }
        }
    }

    /// <summary>
    /// Walks <paramref name="folder"/> with <paramref name="parallelism"/> workers, each reading whole
    /// folders: on a warm cache, listing and stat-ing are system calls bound by CPU, so the walk
    /// goes about as many times faster as there are cores. Each folder's audio files (sorted) are
    /// handed to <paramref name="onFolder"/> together, from any worker, folders in no set order.
    /// Folders that cannot be read are added to <paramref name="problems"/> and skipped.
    /// </summary>
    public Task WalkParallelAsync(
        string root,
        string folder,
        int parallelism,
        ICollection<WalkProblem> problems,
        Func<IReadOnlyList<WalkEntry>, CancellationToken, ValueTask> onFolder,
        CancellationToken cancellationToken) =>
        WalkParallelAsync(root, folder, parallelism, problems, null, onFolder, cancellationToken);

    /// <summary>As above, and adds the playlist files found (M3U, M3U8, PLS, with their size and mtime) to <paramref name="playlists"/>.</summary>
    public async Task WalkParallelAsync(
        string root,
        string folder,
        int parallelism,
        ICollection<WalkProblem> problems,
        ICollection<WalkEntry>? playlists,
        Func<IReadOnlyList<WalkEntry>, CancellationToken, ValueTask> onFolder,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(onFolder);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        var walk = new WalkState(root, problems);
        var start = PathNormalizer.NormalizeRelative(folder);
        if (StartRules(walk.RootFull, start) is not { } startRules)
        {
            return;
        }

        var pending = Channel.CreateUnbounded<(string Relative, IgnoreRules Rules)>();
        var outstanding = 1;
        pending.Writer.TryWrite((start, startRules));

        async Task WorkAsync()
        {
            await foreach (var (relative, rules) in pending.Reader.ReadAllAsync(cancellationToken))
            {
                try
                {
                    if (ReadFolder(walk, relative, rules) is { } entries)
                    {
                        Interlocked.Add(ref outstanding, entries.Folders.Count);
                        foreach (var subfolder in entries.Folders)
                        {
                            pending.Writer.TryWrite((subfolder, entries.Rules));
                        }

                        if (playlists is not null && entries.Playlists.Count > 0)
                        {
                            lock (playlists)
                            {
                                entries.Playlists.ForEach(playlists.Add);
                            }
                        }

                        if (entries.Files.Count > 0)
                        {
                            await onFolder(entries.Files, cancellationToken);
                        }
                    }
                }
                catch (Exception ex)
                {
                    // Stops the other workers, which would otherwise wait for folders nobody will queue.
                    pending.Writer.TryComplete(ex);
                    throw;
                }

                if (Interlocked.Decrement(ref outstanding) == 0)
                {
                    pending.Writer.TryComplete();
                }
            }
        }

        var workers = new Task[parallelism];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = Task.Run(WorkAsync, cancellationToken);
        }

        await Task.WhenAll(workers);
    }

    /// <summary>
    /// The rules to start a walk of <paramref name="start"/> with, or null when a walk from the root would
    /// never reach it: a hidden or system name on the way, or a .nomarrignore that excludes it.
    /// </summary>
    private static IgnoreRules? StartRules(string rootFull, string start) =>
        MediaFiles.IsIgnoredPath(start) ? null : IgnoreRules.Above(rootFull, start, isDirectory: true);

    private static FolderEntries? ReadFolder(WalkState walk, string relative, IgnoreRules inherited)
    {
        var full = PathNormalizer.ToFullPath(walk.RootFull, relative);
        var prefix = relative.Length == 0 ? string.Empty : relative + "/";
        var result = new FolderEntries { Rules = inherited };
        try
        {
            // Only audio and playlist files are stat-ed (for their size and mtime): covers and junk cost one name each.
            var enumerable = new FileSystemEnumerable<Found>(full, (ref FileSystemEntry entry) => Describe(ref entry), Options);
            foreach (var found in enumerable)
            {
                switch (found.Kind)
                {
                    case FoundKind.Folder:
                        result.Folders.Add(found.Name);
                        break;
                    case FoundKind.Link when walk.FirstVisitOfLink(Path.Combine(full, found.Name)):
                        result.Folders.Add(found.Name);
                        break;
                    case FoundKind.Audio:
                        result.Files.Add(new WalkEntry(prefix + found.Name, found.Size, found.MtimeNs));
                        break;
                    case FoundKind.Playlist:
                        result.Playlists.Add(new WalkEntry(prefix + found.Name, found.Size, found.MtimeNs));
                        break;
                    case FoundKind.IgnoreFile:
                        result.Rules = inherited.WithFolder(walk.RootFull, relative);
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            walk.AddProblem(new WalkProblem(relative, ex.Message));
            return null;
        }

        result.Folders.Sort(StringComparer.Ordinal);
        for (var i = 0; i < result.Folders.Count; i++)
        {
            result.Folders[i] = prefix + result.Folders[i];
        }

        result.Folders.RemoveAll(f => result.Rules.IsIgnored(f, isDirectory: true));
        result.Files.RemoveAll(f => result.Rules.IsIgnored(f.Path, isDirectory: false));
        result.Playlists.RemoveAll(f => result.Rules.IsIgnored(f.Path, isDirectory: false));

        result.Files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return result;
    }

    private static Found Describe(ref FileSystemEntry entry)
    {
        var name = entry.FileName.ToString();
        if (!entry.IsDirectory && name == IgnoreRules.FileName)
        {
            return new Found(name, FoundKind.IgnoreFile, 0, 0);
        }

        if (MediaFiles.IsIgnoredName(name))
        {
            return new Found(name, FoundKind.Other, 0, 0);
        }

        if (entry.IsDirectory)
        {
            return new Found(name, (entry.Attributes & FileAttributes.ReparsePoint) != 0 ? FoundKind.Link : FoundKind.Folder, 0, 0);
        }

        if (MediaFiles.IsAudio(name))
        {
            return new Found(name, FoundKind.Audio, entry.Length, UnixTime.ToNanos(entry.LastWriteTimeUtc.UtcDateTime));
        }

        return MediaFiles.IsPlaylist(name)
            ? new Found(name, FoundKind.Playlist, entry.Length, UnixTime.ToNanos(entry.LastWriteTimeUtc.UtcDateTime))
            : new Found(name, FoundKind.Other, 0, 0);
    }

    private enum FoundKind
    {
        Other,
        Folder,
        Link,
        Audio,
        Playlist,
        IgnoreFile,
    }

    private readonly record struct Found(string Name, FoundKind Kind, long Size, long MtimeNs);

    private sealed class FolderEntries
    {
        /// <summary>Root-relative paths of the subfolders to walk, in name order.</summary>
        public List<string> Folders { get; } = [];

        public List<WalkEntry> Files { get; } = [];

        public List<WalkEntry> Playlists { get; } = [];

        /// <summary>The ignore rules for this folder's children: the inherited ones and the folder's own .nomarrignore.</summary>
        public IgnoreRules Rules { get; set; } = IgnoreRules.None;
    }
}
