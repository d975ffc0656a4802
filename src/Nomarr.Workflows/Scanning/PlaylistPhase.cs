using Nomarr.Components.Playlists;
using Nomarr.Components.Walking;
using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Paths;
using Nomarr.Persistence;

namespace Nomarr.Workflows.Scanning;

/// <summary>
/// Phase 6: the playlists in scope. A new or changed playlist file (size or mtime) is read and its
/// entries resolved to the library's records as they are now; so is one with entries that did not
/// resolve last time, when a file may have come that they name; one no longer found is forgotten. An unchanged playlist is not read:
/// its entries point at record ids, which moves keep. An entry read again keeps the record it
/// resolved to before (its text may name the file's old path), so edits and retries never lose a
/// file that moved.
/// </summary>
internal sealed class PlaylistPhase(IPlaylistRepository playlists, ILibraryFileRepository files, ScanContext context)
{
    public async Task RunAsync(IReadOnlyList<WalkEntry> found, IReadOnlyList<WalkProblem> problems, CancellationToken cancellationToken)
    {
        // The scope's playlists only: a scan of one album reads what its folder holds, not the library's.
        var known = (await playlists.ListKnownAsync(context.Library.Id, context.Scope.Folders, cancellationToken))
            .ToDictionary(p => p.Path, StringComparer.Ordinal);
        var foundPaths = found.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var gone = known.Values
            .Where(p => !foundPaths.Contains(p.Path) && !problems.Any(pr => PathNormalizer.IsUnder(p.Path, pr.Folder)))
            .Select(p => p.Id)
            .ToList();
        await playlists.RemoveAsync(context.Library.Id, gone, cancellationToken);

        // Resolving reads every stored path of the library: an entry that never resolves is tried again only
        // when a file came that it may name, added or moved by this scan, or by any scan since, in a full
        // scan (a scan of another folder does not look at this playlist): docs/decisions/0015-unresolved-playlist-entries-wait-for-new-files.md.
        var retryUnresolved = context.Scope.IsFull || context.Counters.Added + context.Counters.Moved > 0;
        var toRead = found
            .Where(f => !known.TryGetValue(f.Path, out var k) || k.Size != f.Size || k.MtimeNs != f.MtimeNs || (k.HasUnresolved && retryUnresolved))
            .ToList();
        if (toRead.Count == 0)
        {
            return;
        }

        var read = new List<(WalkEntry Playlist, IReadOnlyList<string> Entries, Dictionary<string, long?> Before)>();
        foreach (var playlist in toRead)
        {
            byte[] content;
            try
            {
                content = await File.ReadAllBytesAsync(PathNormalizer.ToFullPath(context.Library.RootPath, playlist.Path), cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                context.LogFileFailed(playlist.Path, ex.Message);
                continue;
            }

            var before = await ResolvedBeforeAsync(known.GetValueOrDefault(playlist.Path), cancellationToken);
            read.Add((playlist, PlaylistParser.Parse(playlist.Path, content).ToList(), before));
        }

        // Only the stored files an entry could name are kept for the resolver: a first scan of a
        // million files reads their paths once but does not hold them all.
        var named = PlaylistResolver.PathsNamedBy(
            context.Library.RootPath, read.SelectMany(r => r.Entries.Where(e => !r.Before.ContainsKey(e)).Select(e => (r.Playlist.Path, e))));
        var stored = new List<(long, string)>();
        if (named.Count > 0)
        {
            await foreach (var file in files.StreamKnownAsync(context.Library.Id, [string.Empty], cancellationToken))
            {
                if (named.Contains(file.Path))
                {
                    stored.Add((file.Id, file.Path));
                }
            }
        }

        var resolver = new PlaylistResolver(context.Library.RootPath, stored);
        var records = read
            .Select(r => new PlaylistRecord(
                r.Playlist.Path,
                r.Playlist.Size,
                r.Playlist.MtimeNs,
                r.Entries.Select(text => (text, r.Before.TryGetValue(text, out var id) ? id : resolver.Resolve(r.Playlist.Path, text))).ToList()))
            .ToList();

        await playlists.SaveAsync(context.Library.Id, records, context.Now(), cancellationToken);
    }

    private async Task<Dictionary<string, long?>> ResolvedBeforeAsync(KnownPlaylist? known, CancellationToken cancellationToken)
    {
        var before = new Dictionary<string, long?>(StringComparer.Ordinal);
        if (known is not null && await playlists.GetAsync(known.Id, cancellationToken) is { } stored)
        {
            foreach (var entry in stored.Entries.Where(e => e.FileId is not null))
            {
                before.TryAdd(entry.Text, entry.FileId);
            }
        }

        return before;
    }
}
