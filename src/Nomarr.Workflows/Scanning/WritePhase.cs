using System.Threading.Channels;
using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Scanning;
using Nomarr.Persistence;

namespace Nomarr.Workflows.Scanning;

/// <summary>
/// Phase 3: the single writer. Collects records into batches and writes each batch in one
/// transaction, so a scan makes ⌈changed files / batch size⌉ write transactions.
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
        if (batch.Count == 0)
        {
            return;
        }

        var counts = await files.UpsertBatchAsync(context.Library.Id, context.ScanId, batch, context.Now(), cancellationToken);
        context.Counters.BatchWritten(counts.Inserted, counts.Updated);
        context.Report(ScanPhase.Writing, null, lastBatchSize: batch.Count);
        batch.Clear();
    }
}
