namespace Nomarr.Components.Identity;

/// <summary>A run of audio bytes in a file.</summary>
internal readonly record struct PayloadRegion(long Offset, long Length);
