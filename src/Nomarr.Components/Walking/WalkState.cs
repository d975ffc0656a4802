using Nomarr.Components.Reading;
using Nomarr.Helpers.Options;

namespace Nomarr.Components.Walking;

/// <summary>
/// What one walk shares between its workers: the symbolic link policy, the folders reached through
/// links (so that a loop is walked once) and the folders that could not be read.
/// </summary>
internal sealed class WalkState
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _visited;
    private readonly ICollection<WalkProblem> _problems;
    private readonly SymlinkPolicy _symlinks;

    public WalkState(string root, ICollection<WalkProblem> problems, SymlinkPolicy symlinks)
    {
        RootFull = Path.GetFullPath(root);
        RootReal = NativeFile.RealPath(RootFull) ?? RootFull;
        _visited = new HashSet<string>(StringComparer.Ordinal) { Canonical(RootFull) };
        _problems = problems;
        _symlinks = symlinks;
    }

    public string RootFull { get; }

    /// <summary>The root with its own links resolved: what "inside the root" is measured against.</summary>
    public string RootReal { get; }

    public void AddProblem(WalkProblem problem)
    {
        lock (_gate)
        {
            _problems.Add(problem);
        }
    }

    /// <summary>Whether the walk enters the folder a link points to, by the policy.</summary>
    public bool FollowsFolderLink(string linkPath) => _symlinks switch
    {
        SymlinkPolicy.None => false,
        SymlinkPolicy.Inside => ReachedOnlyThroughLinks(linkPath) && FirstVisitOfLink(linkPath),
        _ => FirstVisitOfLink(linkPath),
    };

    /// <summary>The status of the file a link points to, when the policy lists it; null otherwise.</summary>
    public FileStatus? FollowedFileLink(string linkPath)
    {
        if (_symlinks == SymlinkPolicy.None || (_symlinks == SymlinkPolicy.Inside && !ReachedOnlyThroughLinks(linkPath)))
        {
            return null;
        }

        var (status, errno) = NativeFile.StatPath(linkPath);
        return errno == 0 ? status : null;
    }

    /// <summary>
    /// True when the link's real target lies inside the root but in a hidden or system folder, which the
    /// walk does not enter: reached through the link only, and so walked once. A target outside the root,
    /// or one the walk reaches under its own path, is not followed.
    /// </summary>
    private bool ReachedOnlyThroughLinks(string linkPath)
    {
        if (NativeFile.RealPath(linkPath) is not { } real || !real.StartsWith(RootReal.TrimEnd('/') + "/", StringComparison.Ordinal))
        {
            return false;
        }

        return MediaFiles.IsIgnoredPath(real[(RootReal.TrimEnd('/').Length + 1)..]);
    }

    /// <summary>True for a link to a folder that was not visited yet and is not an ancestor of the link.</summary>
    private bool FirstVisitOfLink(string linkPath)
    {
        var target = Directory.ResolveLinkTarget(linkPath, returnFinalTarget: true);
        if (target is null || !target.Exists)
        {
            return false;
        }

        var canonical = Canonical(target.FullName);
        var linkParent = Canonical(Path.GetDirectoryName(linkPath)!);
        var isAncestor = linkParent.StartsWith(canonical.TrimEnd('/') + "/", StringComparison.Ordinal) || linkParent == canonical;
        if (isAncestor)
        {
            return false;
        }

        lock (_gate)
        {
            return _visited.Add(canonical);
        }
    }

    private static string Canonical(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
}
