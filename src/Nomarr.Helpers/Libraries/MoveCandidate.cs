namespace Nomarr.Helpers.Libraries;

/// <summary>A stored file that a new file might be: the keys a move is matched on, and its state.</summary>
public sealed record MoveCandidate(
    long Id,
    string Path,
    long Size,
    bool Valid,
    string? AudioId,
    DeviceInode? DeviceInode,
    string? Fingerprint);
