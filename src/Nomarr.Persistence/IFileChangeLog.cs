using Nomarr.Helpers.Libraries;

namespace Nomarr.Persistence;

/// <summary>
/// The change log of file records. Every write of <see cref="ILibraryFileRepository"/> (and the
/// removal of a library) appends one entry per record it adds, updates, moves, marks missing,
/// restores or deletes, in the same transaction as the change. Sequence numbers grow in commit
/// order: once a reader has seen sequence N, no change with a sequence of N or less appears later.
/// </summary>
public interface IFileChangeLog
{
    /// <summary>Up to <paramref name="limit"/> changes with a sequence above <paramref name="since"/>, oldest first.</summary>
    Task<ChangePage> ReadAsync(long since, int limit, CancellationToken cancellationToken);

    /// <summary>Deletes the changes made before <paramref name="before"/>; readers behind them are told their cursor expired. Returns how many.</summary>
    Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
