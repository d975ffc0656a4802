using Nomarr.Components.Walking;
using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Paths;
using Nomarr.Persistence;

namespace Nomarr.Workflows.Scanning;

/// <summary>
/// Phase 5: a stored file inside the scanned scope that the walk did not find (or that vanished before
/// it could be read) is marked missing, never deleted. Files under a folder that could not be read are left alone: not seeing them
/// is not evidence that they are gone. Records that moved are not missing. When more than
/// <see cref="ScanOptions.MaxMissingRatio"/> of the scope would go missing at once, nothing is
/// marked: that looks like a disk that went away, and the user confirms it first.
/// </summary>
internal sealed class MissingPhase(ILibraryFileRepository files, ScanContext context, ScanOptions options)
{
    public async Task<MissingOutcome> RunAsync(IReadOnlyList<WalkProblem> problems, IReadOnlySet<long> moved, CancellationToken cancellationToken)
    {
        var vanished = context.Counters.VanishedPaths.ToHashSet(StringComparer.Ordinal);
        if (context.Known.AllValidSeen && vanished.Count == 0)
        {
            // Every stored file was walked and none vanished before it was read: nothing is missing.
            return new MissingOutcome(0, 0, null);
        }

        var missing = context.Known.ValidUnseen()
            .Concat(vanished.Select(context.Known.Find).OfType<KnownFile>().Where(f => f.Valid))
            .Where(f => !moved.Contains(f.Id))
            .Where(f => !problems.Any(p => PathNormalizer.IsUnder(f.Path, p.Folder)))
            .Select(f => f.Id)
            .ToList();
        if (missing.Count == 0)
        {
            return new MissingOutcome(0, 0, null);
        }

        var known = context.Known.ValidCount;
        if (!options.AllowMassMissing && missing.Count >= options.MassMissingMinFiles && missing.Count > options.MaxMissingRatio * known)
        {
            context.LogMissingHeldBack(missing.Count, known);
            var reason =
                $"{missing.Count} of the {known} files scanned would be marked missing at once (more than {options.MaxMissingRatio:P0}): " +
                "nothing was marked missing. If they really are gone, confirm with `nomarr scan --allow-mass-missing`.";
            return new MissingOutcome(0, missing.Count, reason);
        }

        var marked = await files.MarkMissingAsync(context.Claim, context.Scope.Folders, missing, context.Now(), cancellationToken);
        return new MissingOutcome(marked, 0, null);
    }
}
