namespace Nomarr.Helpers.Scanning;

/// <summary>What one scan did. Serialized with snake_case names for the CLI and the API.</summary>
public sealed record ScanResult
{
    public long ScanId { get; init; }
    public long LibraryId { get; init; }
    public bool FullScan { get; init; }
    public IReadOnlyList<string> Targets { get; init; } = [];
    public int FilesScanned { get; init; }
    public int FilesAdded { get; init; }
    public int FilesUpdated { get; init; }
    public int FilesUnchanged { get; init; }
    public int FilesMissing { get; init; }

    /// <summary>Files found at a new path and matched to their old record, which kept its id.</summary>
    public int FilesMoved { get; init; }

    /// <summary>Files that would have gone missing, held back by the breaker (see <see cref="HeldBackReason"/>).</summary>
    public int MissingHeldBack { get; init; }

    public string? HeldBackReason { get; init; }

    /// <summary>The interrupted scan this one resumed, if any.</summary>
    public long? ResumedFrom { get; init; }

    /// <summary>"off", "on", or "unavailable" (enabled, but fpcalc is not installed).</summary>
    public string Fingerprints { get; init; } = "off";
    public int FilesFailed { get; init; }
    public bool ChangesDetected { get; init; }
    public int DbTransactions { get; init; }
    public int FilesVanished { get; init; }

    /// <summary>Paths with an audio name that are FIFOs, sockets or devices: never opened, listed in <see cref="Failures"/> as "skipped".</summary>
    public int FilesSkipped { get; init; }
    public IReadOnlyList<string> UnreadableFolders { get; init; } = [];

    /// <summary>The files counted in <see cref="FilesFailed"/>, <see cref="FilesVanished"/> and <see cref="FilesSkipped"/>, with reasons (at most 1,000).</summary>
    public IReadOnlyList<ScanFailure> Failures { get; init; } = [];
    public long DurationMs { get; init; }
}
