using System.Diagnostics;
using System.Threading.Channels;
using Nomarr.Components.Reading;
using Nomarr.Components.Tags;
using Nomarr.Components.Walking;
using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Paths;
using Nomarr.Helpers.Scanning;

namespace Nomarr.Workflows.Scanning;

/// <summary>
/// Phase 2: N readers take new or changed files, read their tags and keys, and pass records to the writer.
/// A file that cannot be read is recorded with its error; one that vanished is dropped; one that is not a
/// regular file (a FIFO, a socket, a device) is skipped without being opened.
/// </summary>
/// <remarks>
/// Each read has a deadline (<see cref="ScanOptions.FileReadTimeout"/>). The read runs on its own task and
/// the reader waits for it only until the deadline or the scan's cancellation, so that neither a parser
/// looping over a hostile file nor a read stuck in the kernel (a dead network share) holds up the scan or
/// its shutdown: the stream stops the first at its next read, and the second is left to finish on its own.
/// </remarks>
internal sealed class ReadPhase(AudioFileReader reader, ScanContext context, TimeSpan timeout)
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
                    if (await ReadAsync(entry, ct) is { } record)
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

    private async Task<FileRecord?> ReadAsync(WalkEntry entry, CancellationToken cancellationToken)
    {
        var fullPath = PathNormalizer.ToFullPath(context.Library.RootPath, entry.Path);
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var read = Task.Run(
            () =>
            {
                var started = Stopwatch.GetTimestamp();
                var outcome = reader.Read(fullPath, context.Fingerprints, deadline.Token);
                context.Counters.ReadTimed(Stopwatch.GetTimestamp() - started, outcome.TagTicks, outcome.KeyTicks);
                return outcome;
            },
            CancellationToken.None);
        FileReadOutcome outcome;
        try
        {
            outcome = await read.WaitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            context.Counters.FileRead();
            context.Counters.FileFailed(new ScanFailure(entry.Path, "timeout", $"reading the file took longer than {timeout.TotalSeconds:0} s"));
            context.LogFileFailed(entry.Path, "timeout");
            return null;
        }
        finally
        {
            // A read still running (stuck in the kernel) may yet look at its token: dispose of it once that read ends.
            _ = read.ContinueWith(_ => deadline.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        context.Counters.FileRead();
        if (outcome.NotRegular is { } kind)
        {
            context.Counters.FileSkipped(new ScanFailure(entry.Path, "skipped", "not a regular file: " + KindName(kind)));
            return null;
        }

        var result = outcome.Tags;
        var keys = outcome.Keys;
        switch (result.Failure)
        {
            case null:
                return WithKeys(new FileRecord(entry.Path, entry.Size, entry.MtimeNs, result.Tags, null), keys);
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
                return WithKeys(new FileRecord(entry.Path, entry.Size, entry.MtimeNs, AudioTags.Empty, result.Error ?? "corrupt"), keys);
        }
    }

    private static FileRecord WithKeys(FileRecord record, Components.Identity.FileKeys? keys) =>
        keys is null ? record : record with { AudioId = keys.AudioId, DeviceInode = keys.DeviceInode, Fingerprint = keys.Fingerprint };

    private static string KindName(FileKind kind) => kind switch
    {
        FileKind.Fifo => "fifo",
        FileKind.Socket => "socket",
        FileKind.CharacterDevice => "character device",
        FileKind.BlockDevice => "block device",
        FileKind.Directory => "directory",
        FileKind.SymbolicLink => "symbolic link",
        _ => "unknown",
    };
}
