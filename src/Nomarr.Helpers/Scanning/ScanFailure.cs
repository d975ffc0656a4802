namespace Nomarr.Helpers.Scanning;

/// <summary>A file a scan could not read, and why ("corrupt", "unreadable", "vanished").</summary>
public sealed record ScanFailure(string Path, string Kind, string Reason);
