namespace Nomarr.Http.Libraries;

/// <summary>`POST /api/libraries/{id}/scans`: folders of the library to scan (relative to its root); none scans it all.</summary>
public sealed record StartScanRequest(IReadOnlyList<string>? Folders);
