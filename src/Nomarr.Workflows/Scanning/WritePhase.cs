using System.Diagnostics;
using System.Threading.Channels;
using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Scanning;
using Nomarr.Persistence;

namespace Nomarr.Workflows.Scanning;

/// <summary>
/// Phase 3: the single writer. Collects records into batches and writes each batch in one
/// transaction, so a scan makes ⌈changed files / batch size⌉ write transactions. A new path whose
/// keys match a stored file may be a move: it is held back for <see cref="MovePhase"/>, which can
/// only decide once the walk has shown what is gone.
/// </summary>
internal sealed class WritePhase(ILibraryFileRepository files, ScanContext context)
{
    public async Task RunAsync(ChannelReader<FileRecord> toWrite, int batchSize, CancellationToken cancellationToken)
    {
        var batch = new List<FileRecord>(batchSize);
        await foreach (var record in toWrite.ReadAllAsync(cancellationToken))
        {
            batch.Add(record);
            if (batch.Count >= batchSize)
            {
                await FlushAsync(batch, cancellationToken);
            }
        }

        await FlushAsync(batch, cancellationToken);
    }

    private async Task FlushAsync(List<FileRecord> batch, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await HoldBackPossibleMovesAsync(batch, cancellationToken);
            if (batch.Count == 0)
            {
                return;
            }

            var counts = await files.UpsertBatchAsync(context.Claim, batch, context.Now(), cancellationToken);
            context.Counters.BatchWritten(counts.Inserted, counts.Updated);
        }
        finally
        {
            context.Counters.WriteTimed(Stopwatch.GetTimestamp() - started);
        }

        context.Report(ScanPhase.Writing, null, lastBatchSize: batch.Count);
        batch.Clear();
    }

    private async Task HoldBackPossibleMovesAsync(List<FileRecord> batch, CancellationToken cancellationToken)
    {
        if (context.Scope.IsFull && context.Known.Count == 0)
        {
            // The library held no record when this scan started: nothing a new file could have moved from.
            return;
        }

        var fresh = batch.Where(r => !context.Known.Contains(r.Path) && MoveKeys.HasKeys(r)).ToList();
        if (fresh.Count == 0)
        {
            return;
        }

        var candidates = await files.FindMoveCandidatesAsync(
            context.Library.Id,
            context.ScanId,
            fresh.Where(r => r.AudioId is not null).Select(r => r.AudioId!).Distinct(StringComparer.Ordinal).ToList(),
            fresh.Where(r => r.DeviceInode is not null).Select(r => r.DeviceInode!.Value.Inode).Distinct().ToList(),
            fresh.Where(r => r.Fingerprint is not null).Select(r => r.Fingerprint!).Distinct(StringComparer.Ordinal).ToList(),
            cancellationToken);
        if (candidates.Count == 0)
        {
            return;
        }

        foreach (var record in fresh)
        {
            var matching = candidates.Where(c => MoveKeys.Any(record, c)).ToList();
            if (matching.Count > 0)
            {
                context.PendingMoves.Add(new PendingMove(record, matching));
                batch.Remove(record);
            }
        }
    }
}
