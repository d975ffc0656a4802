using Microsoft.Extensions.Options;
using Nomarr.Helpers.Errors;
using Nomarr.Helpers.Options;
using Nomarr.Helpers.Scanning;
using Nomarr.Persistence;
using Nomarr.Services.Libraries;
using Nomarr.Services.Nodes;
using Nomarr.Workflows.Scanning;

namespace Nomarr.Services.Scanning;

/// <summary>
/// Runs a scan in the caller's task, with the options of the Scanner section: `nomarr scan` calls it
/// for a scan now, the <see cref="ScanWorkers"/> for the queued run they claimed.
/// </summary>
public sealed class ScanRunner(
    LibraryCatalog catalog, ScanLibraryWorkflow workflow, ScanClaims claims, RunningScans running, NodeService nodes, IOptions<ScannerOptions> options)
{
    /// <summary>
    /// Scans the given folders of one library now, resuming an interrupted scan of the library on the way.
    /// <paramref name="allowMassMissing"/> is the user's confirmation that many files really went away, or
    /// that the library moved to another disk.
    /// </summary>
    /// <exception cref="ArgumentException">No targets, or targets of several libraries.</exception>
    /// <exception cref="LibraryNotFoundException">The library does not exist.</exception>
    /// <exception cref="ScanAlreadyRunningException">The library is being scanned already.</exception>
    /// <exception cref="InvalidLibraryRootException">The root is missing, not a folder, or unreadable.</exception>
    /// <exception cref="ScanRefusedException">The root looks like an unmounted drive.</exception>
    public async Task<ScanResult> ScanAsync(
        IReadOnlyList<ScanTarget> targets, bool allowMassMissing, IProgress<ScanProgress>? progress, CancellationToken cancellationToken)
    {
        var scope = ScanScope.From(targets);
        using var here = running.Enter(scope.LibraryId);
        return await workflow.RunAsync(scope.LibraryId, scope.ToTargets().ToList(), OptionsFor(allowMassMissing), progress, cancellationToken);
    }

    /// <summary>
    /// Claims the library's queued run with everything waiting; null when nothing waits, or when this node may
    /// not scan the library (pinned to another node, or its root seen by another node and not here): the run
    /// stays queued for a node that may (docs/decisions/0012-nodes.md).
    /// </summary>
    /// <exception cref="ScanAlreadyRunningException">Another scan holds the library.</exception>
    public async Task<ScanClaim?> ClaimQueuedAsync(long libraryId, CancellationToken cancellationToken)
    {
        try
        {
            if (!await nodes.MayScanAsync(await catalog.GetAsync(libraryId, cancellationToken), cancellationToken))
            {
                return null;
            }
        }
        catch (LibraryNotFoundException)
        {
            return null;
        }

        return await claims.ClaimQueuedAsync(libraryId, TimeSpan.FromSeconds(options.Value.LeaseSeconds), cancellationToken);
    }

    /// <summary>
    /// Scans what <paramref name="claim"/> covers. <paramref name="cancel"/> is the scan's own cancel (a user's
    /// request, through <see cref="RunningScans.TryCancel"/>); <paramref name="shutdown"/> stops it as interrupted.
    /// </summary>
    /// <exception cref="LeaseLostException">The lease was lost: the scan stopped and was recorded interrupted.</exception>
    public async Task<ScanResult> RunClaimedAsync(
        ScanClaim claim, CancellationTokenSource cancel, CancellationToken shutdown, IProgress<ScanProgress>? progress)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(cancel);
        using var here = running.Enter(claim.LibraryId, claim.RunId, cancel);
        return await workflow.RunClaimedAsync(claim, OptionsFor(allowMassMissing: false) with { Shutdown = shutdown }, progress, cancel.Token);
    }

    private ScanOptions OptionsFor(bool allowMassMissing)
    {
        var scanner = options.Value;
        return new ScanOptions(scanner.BatchSize, scanner.EffectiveParallelism)
        {
            LeaseFor = TimeSpan.FromSeconds(scanner.LeaseSeconds),
            MaxMissingRatio = scanner.MaxMissingRatio,
            MassMissingMinFiles = scanner.MassMissingMinFiles,
            AllowMassMissing = allowMassMissing,
            Fingerprints = scanner.Fingerprints,
            MaxTargets = scanner.MaxTargets,
            Symlinks = scanner.Symlinks,
            FileReadTimeout = TimeSpan.FromSeconds(scanner.FileReadTimeoutSeconds),
        };
    }
}
