namespace Nomarr.Components.Reading;

/// <summary>What statx(2) says of a path or an open file.</summary>
public readonly record struct FileStatus(FileKind Kind, long Device, long Inode, long Size, long MtimeNs);
