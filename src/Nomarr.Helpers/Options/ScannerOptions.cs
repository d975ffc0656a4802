using System.ComponentModel.DataAnnotations;

namespace Nomarr.Helpers.Options;

/// <summary>Section "Scanner".</summary>
public sealed class ScannerOptions
{
    public const string Section = "Scanner";

    /// <summary>Files written per database transaction.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>Tag readers running at once; 0 means one per core.</summary>
    [Range(0, 256)]
    public int Parallelism { get; set; }

    /// <summary>How long a scan's lease on its library lasts without renewal; another process may take over after it.</summary>
    [Range(5, 3600)]
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>Libraries scanned at once by the background scan queue.</summary>
    [Range(1, 64)]
    public int MaxConcurrentScans { get; set; } = 2;

    /// <summary>The share of the scanned files that may go missing in one scan; above it the change is held back until confirmed.</summary>
    [Range(0.0, 1.0)]
    public double MaxMissingRatio { get; set; } = 0.5;

    /// <summary>Fewer missing files than this are never held back, whatever their share of the scan.</summary>
    [Range(1, int.MaxValue)]
    public int MassMissingMinFiles { get; set; } = 50;

    /// <summary>Hours between full scans of every library, the safety net for changes no watcher sees; 0 turns it off.</summary>
    [Range(0, 8760)]
    public double PeriodicScanHours { get; set; } = 24;

    /// <summary>Store a Chromaprint fingerprint per file (needs fpcalc) and use it to recognise moved files whose bytes changed.</summary>
    public bool Fingerprints { get; set; }

    /// <summary>The fpcalc program: a name looked up on PATH, or a full path.</summary>
    [Required]
    public string FpcalcPath { get; set; } = "fpcalc";

    /// <summary>
    /// Names that contain a separator and are one artist or genre all the same: a single value is never
    /// split inside them. Configured names are added to these.
    /// </summary>
    public IList<string> ArtistSplitExceptions { get; } = ["AC/DC"];

    /// <summary>
    /// More folders than this, merged from interrupted runs into the next scan, make that scan a full one:
    /// a full scan costs little more than a walk, and its form does not grow with the history of failures.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxTargets { get; set; } = 500;

    /// <summary>How long one file's read (tags, audio identity, fingerprint) may take; after it the file is a failure of kind "timeout" and the scan goes on.</summary>
    [Range(1, 3600)]
    public int FileReadTimeoutSeconds { get; set; } = 30;

    /// <summary>The most UTF-8 bytes kept of one tag value; a longer value is cut at a character boundary.</summary>
    [Range(64, 16 * 1024 * 1024)]
    public int MaxTagValueBytes { get; set; } = 16 * 1024;

    /// <summary>Which symbolic links a scan follows: inside (the default), none, or all.</summary>
    public SymlinkPolicy Symlinks { get; set; } = SymlinkPolicy.Inside;

    public int EffectiveParallelism => Parallelism > 0 ? Parallelism : Environment.ProcessorCount;
}
