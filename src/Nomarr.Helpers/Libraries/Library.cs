namespace Nomarr.Helpers.Libraries;

/// <summary>A library: a filesystem root and the state of its scans.</summary>
public sealed record Library(
    long Id,
    string Name,
    string RootPath,
    DateTimeOffset CreatedAt,
    bool Watch,
    DateTimeOffset? LastScanAt,
    DateTimeOffset? LastScanStartedAt,
    bool FullScanInProgress)
{
    /// <summary>The device the root was on at the last scan (st_dev); null before the first one.</summary>
    public long? RootDevice { get; init; }

    /// <summary>How `nomarr serve` follows its changes; <see cref="Watch"/> is false only for <see cref="WatchMode.Off"/>.</summary>
    public WatchMode WatchMode { get; init; } = Watch ? WatchMode.Auto : WatchMode.Off;

    /// <summary>Seconds between two polls of the library when it is polled; null: Watcher:PollSeconds.</summary>
    public int? PollSeconds { get; init; }

    /// <summary>The node the library is pinned to: only it scans and watches the library; null: any node that sees its root.</summary>
    public string? Node { get; init; }
}
