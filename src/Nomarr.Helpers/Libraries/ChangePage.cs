namespace Nomarr.Helpers.Libraries;

/// <summary>
/// Changes after a cursor, in order, and the cursor to ask with next. <see cref="Expired"/>: the
/// log no longer holds every change after the cursor (they were pruned); nothing is returned.
/// </summary>
public sealed record ChangePage(IReadOnlyList<FileChange> Changes, long NextSince, bool Expired);
