using Nomarr.Components.Identity;
using Nomarr.Components.Tags;

namespace Nomarr.Components.Reading;

/// <summary>
/// What one read of a walked file found: its tags and keys, or that it is not a regular file (never opened);
/// and how long the tags and the keys took (<see cref="System.Diagnostics.Stopwatch"/> ticks), for the scan's timings.
/// </summary>
public sealed record FileReadOutcome(TagReadResult Tags, FileKeys? Keys, FileKind? NotRegular)
{
    /// <summary>Time spent reading the tags: TagLibSharp's parse and the tag map, in Stopwatch ticks.</summary>
    public long TagTicks { get; init; }

    /// <summary>Time spent on the keys: the audio identity and the fingerprint, in Stopwatch ticks.</summary>
    public long KeyTicks { get; init; }

    public static FileReadOutcome Skipped(FileKind kind) => new(TagReadResult.Failed(TagReadFailure.Unreadable, "not a regular file: " + kind), null, kind);
}
