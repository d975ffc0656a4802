using Nomarr.Helpers.Libraries;

namespace Nomarr.Http.Changes;

/// <summary>Changes after the cursor asked with, and the cursor to ask with next.</summary>
public sealed record ChangeList(IReadOnlyList<FileChange> Changes, long NextSince);
