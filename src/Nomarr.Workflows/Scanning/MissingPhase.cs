using Nomarr.Components.Walking;
using Nomarr.Helpers.Paths;
using Nomarr.Persistence;

namespace Nomarr.Workflows.Scanning;

/// <summary>
/// Phase 4: a stored file inside the scanned scope that the walk did not find is marked missing,
/// never deleted. Files under a folder that could not be read are left alone: not seeing them
/// is not evidence that they are gone.
/// </summary>
internal sealed class MissingPhase(ILibraryFileRepository files, ScanContext context)
{
    public async Task<int> RunAsync(IReadOnlySet<string> seen, IReadOnlyList<WalkProblem> problems, CancellationToken cancellationToken)
    {
        var vanished = context.Counters.VanishedPaths.ToHashSet(StringComparer.Ordinal);
        var missing = context.Known.All
            .Where(f => f.Valid && (!seen.Contains(f.Path) || vanished.Contains(f.Path)))
            .Where(f => !problems.Any(p => PathNormalizer.IsUnder(f.Path, p.Folder)))
            .Select(f => f.Id)
            .ToList();
        return missing.Count == 0
            ? 0
            : await files.MarkMissingAsync(context.Library.Id, context.Scope.Folders, missing, context.Now(), cancellationToken);
    }
}
