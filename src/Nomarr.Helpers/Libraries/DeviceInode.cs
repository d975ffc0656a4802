namespace Nomarr.Helpers.Libraries;

/// <summary>A file's device and inode numbers: a rename or a move within one filesystem keeps them.</summary>
public readonly record struct DeviceInode(long Device, long Inode);
