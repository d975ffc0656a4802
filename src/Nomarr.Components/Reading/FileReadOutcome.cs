using Nomarr.Components.Identity;
using Nomarr.Components.Tags;

namespace Nomarr.Components.Reading;

/// <summary>What one read of a walked file found: its tags and keys, or that it is not a regular file (never opened).</summary>
public sealed record FileReadOutcome(TagReadResult Tags, FileKeys? Keys, FileKind? NotRegular)
{
    public static FileReadOutcome Skipped(FileKind kind) => new(TagReadResult.Failed(TagReadFailure.Unreadable, "not a regular file: " + kind), null, kind);
}
