namespace Nomarr.Helpers.Options;

/// <summary>Which symbolic links a scan follows (setting Scanner:Symlinks).</summary>
public enum SymlinkPolicy
{
    /// <summary>
    /// A link is followed only when its real target lies inside the library root and the walk would not
    /// reach that target under its own path (it is inside a hidden or system folder): every real file and
    /// folder is then walked once, under a path that does not depend on which links exist.
    /// </summary>
    Inside,

    /// <summary>No link is followed.</summary>
    None,

    /// <summary>Every link is followed, once per target folder (files outside the root are indexed, and a folder linked from inside the root is indexed twice).</summary>
    All,
}
