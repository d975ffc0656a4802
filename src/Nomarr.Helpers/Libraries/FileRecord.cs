namespace Nomarr.Helpers.Libraries;

/// <summary>
/// A file as the scanner saw it, ready to be written. <see cref="MtimeNs"/> is nanoseconds since
/// the Unix epoch; <see cref="ReadError"/> is set when the tags could not be read.
/// </summary>
public sealed record FileRecord(string Path, long Size, long MtimeNs, AudioTags Tags, string? ReadError);
