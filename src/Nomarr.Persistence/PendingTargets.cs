using Nomarr.Helpers.Scanning;

namespace Nomarr.Persistence;

/// <summary>The targets waiting for one library, as stored.</summary>
public sealed record PendingTargets(long LibraryId, IReadOnlyList<string> Folders, DateTimeOffset NewestQueuedAt)
{
    public IReadOnlyList<ScanTarget> ToTargets() => Folders.Select(f => new ScanTarget(LibraryId, f)).ToList();
}
