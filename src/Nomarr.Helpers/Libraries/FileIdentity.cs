namespace Nomarr.Helpers.Libraries;

/// <summary>The filesystem's own identity of a file: a rename or a move within one filesystem keeps it.</summary>
public readonly record struct FileIdentity(long Device, long Inode);
