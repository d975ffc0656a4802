namespace Nomarr.Workflows.Scanning;

/// <summary>How one scan runs: files per transaction, tag readers at once, and the deletion breaker.</summary>
public sealed record ScanOptions(int BatchSize = 200, int Parallelism = 0)
{
    public int EffectiveParallelism => Parallelism > 0 ? Parallelism : Environment.ProcessorCount;

    /// <summary>The share of the scanned files that may go missing in one scan before it is held back.</summary>
    public double MaxMissingRatio { get; init; } = 0.5;

    /// <summary>Fewer missing files than this are never held back, whatever their share.</summary>
    public int MassMissingMinFiles { get; init; } = 50;

    /// <summary>
    /// The user confirmed that files really went away: mass missing goes through, and a root that
    /// is empty or on another device than recorded is scanned.
    /// </summary>
    public bool AllowMassMissing { get; init; }

    /// <summary>Fingerprint new and changed files with fpcalc, when it is installed.</summary>
    public bool Fingerprints { get; init; }

    /// <summary>More folders than this, once an interrupted scan's folders are merged in, make the scan a full one.</summary>
    public int MaxTargets { get; init; } = DefaultMaxTargets;

    public const int DefaultMaxTargets = 500;

    /// <summary>Which symbolic links the walk follows.</summary>
    public Nomarr.Helpers.Options.SymlinkPolicy Symlinks { get; init; } = Nomarr.Helpers.Options.SymlinkPolicy.Inside;

    /// <summary>How long one file's read may take before it is a failure of kind "timeout".</summary>
    public TimeSpan FileReadTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the scan's lease lasts without renewal (Scanner:LeaseSeconds); it is renewed every third of it.</summary>
    public TimeSpan LeaseFor { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The service's shutdown. A scan stopped by it is recorded as interrupted (its targets are scanned
    /// again at the next start); stopped by anything else, as cancelled.
    /// </summary>
    public CancellationToken Shutdown { get; init; }
}
