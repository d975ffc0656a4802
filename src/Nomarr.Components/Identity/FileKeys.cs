using Nomarr.Helpers.Libraries;

namespace Nomarr.Components.Identity;

/// <summary>The keys a moved file is recognised by: its audio identity, its inode, and optionally its fingerprint.</summary>
public sealed record FileKeys(string? AudioId, DeviceInode? DeviceInode, string? Fingerprint);
