using System.Diagnostics;
using Microsoft.Extensions.Options;
using Nomarr.Components.Identity;
using Nomarr.Components.Tags;
using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Options;

namespace Nomarr.Components.Reading;

/// <summary>
/// Everything a scan reads of one file, from one open (see <see cref="OpenedFile"/>): the tags through
/// TagLibSharp over the open stream, then the audio identity and the inode from the same handle.
/// Only the optional fingerprint opens the file again, in fpcalc.
/// </summary>
public sealed class AudioFileReader(TagReader tags, AudioIdentityReader audio, Fingerprinter fingerprinter, IOptions<ScannerOptions> options)
{
    public bool FingerprintsAvailable => fingerprinter.IsAvailable;

    /// <summary>
    /// Reads the file. <paramref name="cancellationToken"/> is the read's deadline too: once it fires,
    /// the next read of the file throws <see cref="OperationCanceledException"/> and fpcalc is killed.
    /// Never throws for a bad file.
    /// </summary>
    public FileReadOutcome Read(string fullPath, bool withFingerprint, CancellationToken cancellationToken)
    {
        OpenedFile opened;
        try
        {
            opened = OpenedFile.Open(fullPath, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            return new FileReadOutcome(TagReadResult.Failed(TagReadFailure.Vanished, "the file disappeared before it could be read"), null, null);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            return new FileReadOutcome(TagReadResult.Failed(TagReadFailure.Unreadable, ex.Message), null, null);
        }

        using (opened)
        {
            if (!opened.IsRegular)
            {
                return FileReadOutcome.Skipped(opened.Status.Kind);
            }

            var started = Stopwatch.GetTimestamp();
            var result = tags.Read(opened.Stream, fullPath);
            if (result.Succeeded)
            {
                result = result with { Tags = TagValues.Clean(result.Tags, options.Value.MaxTagValueBytes) };
            }

            var tagsRead = Stopwatch.GetTimestamp();
            if (result.Failure is TagReadFailure.Vanished or TagReadFailure.Unreadable)
            {
                return new FileReadOutcome(result, null, null) { TagTicks = tagsRead - started };
            }

            var status = opened.Status;
            var keys = new FileKeys(
                audio.Compute(opened.Stream),
                status.Inode != 0 ? new DeviceInode(status.Device, status.Inode) : null,
                withFingerprint ? fingerprinter.Compute(fullPath, cancellationToken) : null);
            return new FileReadOutcome(result, keys, null) { TagTicks = tagsRead - started, KeyTicks = Stopwatch.GetTimestamp() - tagsRead };
        }
    }
}
