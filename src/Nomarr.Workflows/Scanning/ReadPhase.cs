using System.Threading.Channels;
using Nomarr.Components.Identity;
using Nomarr.Components.Tags;
using Nomarr.Components.Walking;
using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Paths;
using Nomarr.Helpers.Scanning;

namespace Nomarr.Workflows.Scanning;

/// <summary>
/// Phase 2: N readers take new or changed files, read their tags, and pass records to the writer.
/// A file that cannot be read is recorded with its error; one that vanished is dropped.
/// </summary>
internal sealed class ReadPhase(TagReader tagReader, FileKeysReader keysReader, ScanContext context)
{
    public async Task RunAsync(ChannelReader<WalkEntry> toRead, ChannelWriter<FileRecord> toWrite, int parallelism, CancellationToken cancellationToken)
    {
        try
        {
            await Parallel.ForEachAsync(
                toRead.ReadAllAsync(cancellationToken),
                new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
                async (entry, ct) =>
                {
                    if (Read(entry, ct) is { } record)
                    {
                        await toWrite.WriteAsync(record, ct);
                    }
                });
            toWrite.Complete();
        }
        catch (Exception ex)
        {
            toWrite.Complete(ex);
            throw;
        }
    }

    private FileRecord? Read(WalkEntry entry, CancellationToken cancellationToken)
    {
        var fullPath = PathNormalizer.ToFullPath(context.Library.RootPath, entry.Path);
        var result = tagReader.Read(fullPath);
        context.Counters.FileRead();
        switch (result.Failure)
        {
            case null:
                return WithKeys(new FileRecord(entry.Path, entry.Size, entry.MtimeNs, result.Tags, null), fullPath, cancellationToken);
            case TagReadFailure.Vanished:
                context.Counters.FileVanished(new ScanFailure(entry.Path, "vanished", result.Error ?? "vanished"));
                return null;
            case TagReadFailure.Unreadable:
                // Not written: what the database knows of the file stays as it was, and it is retried next scan.
                context.Counters.FileFailed(new ScanFailure(entry.Path, "unreadable", result.Error ?? "unreadable"));
                context.LogFileFailed(entry.Path, result.Error);
                return null;
            default:
                context.Counters.FileFailed(new ScanFailure(entry.Path, "corrupt", result.Error ?? "corrupt"));
                context.LogFileFailed(entry.Path, result.Error);
                return WithKeys(new FileRecord(entry.Path, entry.Size, entry.MtimeNs, AudioTags.Empty, result.Error ?? "corrupt"), fullPath, cancellationToken);
        }
    }

    private FileRecord WithKeys(FileRecord record, string fullPath, CancellationToken cancellationToken)
    {
        var keys = keysReader.Read(fullPath, context.Fingerprints, cancellationToken);
        return record with { AudioId = keys.AudioId, FileIdentity = keys.FileIdentity, Fingerprint = keys.Fingerprint };
    }
}
