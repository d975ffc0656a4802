using Nomarr.Helpers.Libraries;

namespace Nomarr.Workflows.Scanning;

/// <summary>Which key, if any, ties a new file to a stored one, strongest first.</summary>
internal static class MoveKeys
{
    /// <summary>
    /// Same device, inode and size; and not two different audio inodes, which would mean the
    /// inode number was reused by another file after the first one was deleted.
    /// </summary>
    public static bool SameInode(FileRecord file, MoveCandidate stored) =>
        file.DeviceInode is { } identity && stored.DeviceInode == identity && stored.Size == file.Size
        && (file.AudioId is null || stored.AudioId is null || string.Equals(file.AudioId, stored.AudioId, StringComparison.Ordinal));

    public static bool SameAudio(FileRecord file, MoveCandidate stored) =>
        file.AudioId is { } audio && string.Equals(stored.AudioId, audio, StringComparison.Ordinal);

    public static bool SameFingerprint(FileRecord file, MoveCandidate stored) =>
        file.Fingerprint is { } fingerprint && string.Equals(stored.Fingerprint, fingerprint, StringComparison.Ordinal);

    public static bool Any(FileRecord file, MoveCandidate stored) =>
        !string.Equals(file.Path, stored.Path, StringComparison.Ordinal)
        && (SameInode(file, stored) || SameAudio(file, stored) || SameFingerprint(file, stored));

    public static bool HasKeys(FileRecord file) => file.AudioId is not null || file.DeviceInode is not null || file.Fingerprint is not null;
}
