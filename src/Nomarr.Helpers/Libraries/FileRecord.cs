namespace Nomarr.Helpers.Libraries;

/// <summary>
/// A file as the scanner saw it, ready to be written. <see cref="MtimeNs"/> is nanoseconds since
/// the Unix epoch; <see cref="ReadError"/> is set when the tags could not be read.
/// </summary>
public sealed record FileRecord(string Path, long Size, long MtimeNs, AudioTags Tags, string? ReadError)
{
    /// <summary>A hash of the audio payload alone, the same after a retag; null when it could not be computed.</summary>
    public string? AudioId { get; init; }

    /// <summary>The filesystem's identity of the file (device and inode), when known.</summary>
    public DeviceInode? DeviceInode { get; init; }

    /// <summary>A Chromaprint fingerprint, when fingerprinting is on and fpcalc is installed.</summary>
    public string? Fingerprint { get; init; }
}
