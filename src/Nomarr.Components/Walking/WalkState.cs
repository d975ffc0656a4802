namespace Nomarr.Components.Walking;

/// <summary>
/// What one walk shares between its workers: the folders reached through links (so that a loop is
/// walked once) and the folders that could not be read.
/// </summary>
internal sealed class WalkState
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _visited;
    private readonly ICollection<WalkProblem> _problems;

    public WalkState(string root, ICollection<WalkProblem> problems)
    {
        RootFull = Path.GetFullPath(root);
        _visited = new HashSet<string>(StringComparer.Ordinal) { Canonical(RootFull) };
        _problems = problems;
    }

    public string RootFull { get; }

    public void AddProblem(WalkProblem problem)
    {
        lock (_gate)
        {
            _problems.Add(problem);
        }
    }

    /// <summary>True for a link to a folder that was not visited yet and is not an ancestor of the link.</summary>
    public bool FirstVisitOfLink(string linkPath)
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
