namespace Nomarr.Services.Libraries;

/// <summary>
/// What <see cref="LibraryRootPolicy"/> lets become a library: with <see cref="AllowedRoots"/>, only folders
/// inside them; system folders and pseudo-filesystems only when <see cref="AllowSystemFolders"/> (the CLI's --force).
/// </summary>
public sealed record LibraryRootRules(IReadOnlyList<string> AllowedRoots, bool AllowSystemFolders)
{
    /// <summary>Any folder but the system ones: what every caller gets unless it asks for more or less.</summary>
    public static LibraryRootRules Default { get; } = new([], AllowSystemFolders: false);

    /// <summary>Any folder at all: the local user who confirmed a system folder with --force.</summary>
    public static LibraryRootRules Forced { get; } = new([], AllowSystemFolders: true);
}
