namespace Nomarr.Persistence;

/// <summary>A stored scan request: the library's queued run that will cover it, and everything that run covers now.</summary>
public sealed record ScanRequestReceipt(long RunId, IReadOnlyList<string> Folders);
