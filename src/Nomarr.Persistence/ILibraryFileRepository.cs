using Nomarr.Helpers.Libraries;

namespace Nomarr.Persistence;

/// <summary>The files of libraries.</summary>
public interface ILibraryFileRepository
{
    /// <summary>Streams what is stored for the files under the given folders ("" = the whole library), valid or not.</summary>
    IAsyncEnumerable<KnownFile> StreamKnownAsync(long libraryId, IReadOnlyList<string> folders, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts or updates a batch of files in one transaction with one prepared statement each for
    /// update and insert. Each written file becomes valid and is stamped with <paramref name="scanId"/>.
    /// </summary>
    Task<UpsertCounts> UpsertBatchAsync(long libraryId, long scanId, IReadOnlyList<FileRecord> batch, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the given files missing (valid = false) in one transaction; files outside
    /// <paramref name="folders"/> or of another library are left alone. Returns how many changed.
    /// </summary>
    Task<int> MarkMissingAsync(long libraryId, IReadOnlyList<string> folders, IReadOnlyCollection<long> fileIds, DateTimeOffset now, CancellationToken cancellationToken);

    Task<Page<LibraryFile>> QueryAsync(FileQuery query, CancellationToken cancellationToken);

    Task<LibraryFile?> GetAsync(long fileId, CancellationToken cancellationToken);
}
