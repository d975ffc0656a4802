using Nomarr.Components.Identity;
using Nomarr.Components.Walking;
using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Paths;
using Nomarr.Helpers.Scanning;
using Nomarr.Persistence;

namespace Nomarr.Workflows.Scanning;

/// <summary>
/// Phase 4: decides which held-back new files are moves. A stored file is a move's source only
/// if its file is certainly gone from disk (it may be in another folder, scanned days ago, and
/// missing since), and it is matched on the strongest key that ties it to exactly one new file:
/// device + inode with the same size, then audio identity, then fingerprint. Two candidates for one
/// file, or two files for one candidate, are ambiguous: nothing is guessed, the file is added.
/// </summary>
internal sealed class MovePhase(ILibraryFileRepository files, DeviceInodes inodes, ScanContext context)
{
    /// <summary>Writes the moves and the remaining new files; returns the ids of the records that moved.</summary>
    public async Task<IReadOnlySet<long>> RunAsync(IReadOnlyList<WalkProblem> problems, int batchSize, CancellationToken cancellationToken)
    {
        var gone = new Dictionary<long, bool>();
        var claims = new Dictionary<long, List<FileRecord>>();
        var added = new List<FileRecord>();
        foreach (var pending in context.PendingMoves)
        {
            var eligible = pending.Candidates.Where(c => IsGone(c, problems, gone)).ToList();
            if (Choose(pending.Record, eligible) is { } source)
            {
                (claims.TryGetValue(source.Id, out var list) ? list : claims[source.Id] = []).Add(pending.Record);
            }
            else
            {
                added.Add(pending.Record);
            }
        }

        var moves = new List<(long FileId, FileRecord Record)>();
        foreach (var (sourceId, records) in claims)
        {
            if (records.Count == 1)
            {
                moves.Add((sourceId, records[0]));
                continue;
            }

            foreach (var record in records)
            {
                context.LogAmbiguousMove(record.Path, records.Count);
            }

            added.AddRange(records);
        }

        if (moves.Count > 0)
        {
            context.Counters.FilesMoved(await files.MoveBatchAsync(context.Claim, moves, context.Now(), cancellationToken));
        }

        foreach (var chunk in added.Chunk(batchSize))
        {
            var counts = await files.UpsertBatchAsync(context.Claim, chunk, context.Now(), cancellationToken);
            context.Counters.BatchWritten(counts.Inserted, counts.Updated);
            context.Report(ScanPhase.Writing, null, lastBatchSize: chunk.Length);
        }

        return moves.Select(m => m.FileId).ToHashSet();
    }

    private MoveCandidate? Choose(FileRecord record, List<MoveCandidate> eligible)
    {
        foreach (var key in (Func<FileRecord, MoveCandidate, bool>[])[MoveKeys.SameInode, MoveKeys.SameAudio, MoveKeys.SameFingerprint])
        {
            var matches = eligible.Where(c => key(record, c)).ToList();
            if (matches.Count == 1)
            {
                return matches[0];
            }

            if (matches.Count > 1)
            {
                context.LogAmbiguousMove(record.Path, matches.Count);
                return null;
            }
        }

        return null;
    }

    private bool IsGone(MoveCandidate candidate, IReadOnlyList<WalkProblem> problems, Dictionary<long, bool> cache)
    {
        if (!cache.TryGetValue(candidate.Id, out var gone))
        {
            gone = !problems.Any(p => PathNormalizer.IsUnder(candidate.Path, p.Folder))
                   && inodes.IsCertainlyGone(PathNormalizer.ToFullPath(context.Library.RootPath, candidate.Path));
            cache[candidate.Id] = gone;
        }

        return gone;
    }
}
