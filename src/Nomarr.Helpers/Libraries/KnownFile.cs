namespace Nomarr.Helpers.Libraries;

/// <summary>What the database holds about a file, enough to tell whether it changed on disk.</summary>
public sealed record KnownFile(long Id, string Path, long Size, long MtimeNs, bool Valid);
