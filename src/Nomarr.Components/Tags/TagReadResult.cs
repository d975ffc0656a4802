using Nomarr.Helpers.Libraries;

namespace Nomarr.Components.Tags;

/// <summary>The tags of a file, or why they could not be read.</summary>
public sealed record TagReadResult(AudioTags Tags, TagReadFailure? Failure, string? Error)
{
    public bool Succeeded => Failure is null;

    public static TagReadResult Success(AudioTags tags) => new(tags, null, null);

    public static TagReadResult Failed(TagReadFailure failure, string error) => new(AudioTags.Empty, failure, error);
}
