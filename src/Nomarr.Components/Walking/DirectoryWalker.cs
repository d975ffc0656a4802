using System.IO.Enumeration;
using System.Threading.Channels;
using Nomarr.Components.Reading;
using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Options;
using Nomarr.Helpers.Paths;

namespace Nomarr.Components.Walking;

/// <summary>
/// Lists the audio files under a folder of a library, without reading them.
/// </summary>
/// <remarks>
/// Size and mtime come from the directory enumeration itself (one getdents plus one stat per
/// audio file; other files are never stat-ed), so walking costs no more than `find -printf`.
/// Symbolic links are followed by the <see cref="SymlinkPolicy"/>: by default only into folders of the
/// root that the walk would not enter under their own path, so every real file is listed once and
/// nothing outside the root is. A followed link whose target was already visited, or that points to
/// one of its own ancestors, is skipped, so a loop cannot hang the walk. Paths excluded
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
    public IEnumerable<WalkEntry> Walk(
        string root, string folder, ICollection<WalkProblem> problems, CancellationToken cancellationToken, SymlinkPolicy symlinks = SymlinkPolicy.Inside)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var walk = new WalkState(root, problems, symlinks);
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
        CancellationToken cancellationToken,
        SymlinkPolicy symlinks = SymlinkPolicy.Inside) =>
        WalkParallelAsync(root, folder, parallelism, problems, null, onFolder, cancellationToken, symlinks);

    /// <summary>As above, and adds the playlist files found (M3U, M3U8, PLS, with their size and mtime) to <paramref name="playlists"/>.</summary>
    public async Task WalkParallelAsync(
        string root,
        string folder,
        int parallelism,
        ICollection<WalkProblem> problems,
        ICollection<WalkEntry>? playlists,
        Func<IReadOnlyList<WalkEntry>, CancellationToken, ValueTask> onFolder,
        CancellationToken cancellationToken,
        SymlinkPolicy symlinks = SymlinkPolicy.Inside)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(onFolder);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        var walk = new WalkState(root, problems, symlinks);
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
        List<byte[]>? nonUtf8 = null;
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
                    case FoundKind.Link when walk.FollowsFolderLink(Path.Combine(full, found.Name)):
                        result.Folders.Add(found.Name);
                        break;
                    case FoundKind.AudioLink when walk.FollowedFileLink(Path.Combine(full, found.Name)) is { } target:
                        result.Files.Add(new WalkEntry(prefix + found.Name, target.Size, target.MtimeNs));
                        break;
                    case FoundKind.Audio:
                        result.Files.Add(new WalkEntry(prefix + found.Name, found.Size, found.MtimeNs));
                        break;
                    case FoundKind.Playlist:
                        result.Playlists.Add(new WalkEntry(prefix + found.Name, found.Size, found.MtimeNs));
                        break;
                    case FoundKind.MaybeUnrepresentable:
                        AddMaybeUnrepresentable(result, full, prefix, found.Name, ref nonUtf8);
                        break;
                    case FoundKind.IgnoreFile:
                        result.Rules = inherited.WithFolder(walk.RootFull, relative, reason =>
                            result.Files.Add(new WalkEntry(prefix + IgnoreRules.FileName, 0, 0, new WalkReport("ignore_file", reason))));
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

        if (name.Contains('\uFFFD', StringComparison.Ordinal) && (entry.IsDirectory || MediaFiles.IsAudio(name)))
        {
            return new Found(name, FoundKind.MaybeUnrepresentable, 0, 0);
        }

        if (entry.IsDirectory)
        {
            return new Found(name, (entry.Attributes & FileAttributes.ReparsePoint) != 0 ? FoundKind.Link : FoundKind.Folder, 0, 0);
        }

        if (MediaFiles.IsPlaylist(name) && (entry.Attributes & FileAttributes.ReparsePoint) == 0)
        {
            return new Found(name, FoundKind.Playlist, entry.Length, UnixTime.ToNanos(entry.LastWriteTimeUtc.UtcDateTime));
        }

        if (!MediaFiles.IsAudio(name))
        {
            return new Found(name, FoundKind.Other, 0, 0);
        }

        return (entry.Attributes & FileAttributes.ReparsePoint) != 0
            ? new Found(name, FoundKind.AudioLink, 0, 0)
            : new Found(name, FoundKind.Audio, entry.Length, UnixTime.ToNanos(entry.LastWriteTimeUtc.UtcDateTime));
    }

    /// <summary>
    /// A name with U+FFFD: either really so (valid UTF-8 for the replacement character, then a path like
    /// any other) or .NET's rendering of bytes that are not UTF-8, reported with the bytes in hex.
    /// </summary>
    private static void AddMaybeUnrepresentable(FolderEntries result, string full, string prefix, string name, ref List<byte[]>? nonUtf8)
    {
        var (status, errno) = NativeFile.StatPath(Path.Combine(full, name));
        if (errno == 0)
        {
            if (status.Kind == FileKind.Directory)
            {
                result.Folders.Add(name);
            }
            else
            {
                result.Files.Add(new WalkEntry(prefix + name, status.Size, status.MtimeNs));
            }

            return;
        }

        nonUtf8 ??= NativeFile.NonUtf8Names(full);
        var bytes = nonUtf8.FirstOrDefault(b => System.Text.Encoding.UTF8.GetString(b) == name);
        var hex = bytes is null ? "unknown" : Convert.ToHexStringLower(bytes);
        var folder = prefix.Length == 0 ? "/" : prefix.TrimEnd('/');
        result.Files.Add(new WalkEntry(
            prefix + name, 0, 0, new WalkReport("unrepresentable_name", $"the name is not valid UTF-8 (bytes {hex}) in folder '{folder}'; rename it to index it")));
    }

    private enum FoundKind
    {
        Other,
        Folder,
        Link,
        Audio,
        Playlist,
        AudioLink,
        MaybeUnrepresentable,
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
