using Nomarr.Helpers.Libraries;

namespace Nomarr.Persistence;

/// <summary>The files of libraries.</summary>
public interface ILibraryFileRepository
{
    /// <summary>
    /// Streams what is stored for the files under the given folders ("" or none = the whole library), valid
    /// or not. A folder holds its own path and the paths below it, compared character by character.
    /// </summary>
    IAsyncEnumerable<KnownFile> StreamKnownAsync(long libraryId, IReadOnlyList<string> folders, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts or updates a batch of files of the claimed library in one transaction. Each written file
    /// becomes valid and is stamped with the claim's run. Returns exactly how many were new and how many stored.
    /// </summary>
    /// <exception cref="LeaseLostException">The claim's lease is gone: nothing was written.</exception>
    Task<UpsertCounts> UpsertBatchAsync(ScanClaim claim, IReadOnlyList<FileRecord> batch, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the given files missing (valid = false) in one transaction; files outside
    /// <paramref name="folders"/> or of another library are left alone. Returns how many changed.
    /// </summary>
    /// <exception cref="LeaseLostException">The claim's lease is gone: nothing was written.</exception>
    Task<int> MarkMissingAsync(ScanClaim claim, IReadOnlyList<string> folders, IReadOnlyCollection<long> fileIds, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Stored files of the library, not written by scan <paramref name="scanId"/>, that share an
    /// audio identity, an inode or a fingerprint with the given ones (valid or missing alike).
    /// </summary>
    Task<IReadOnlyList<MoveCandidate>> FindMoveCandidatesAsync(
        long libraryId, long scanId, IReadOnlyCollection<string> audioIds, IReadOnlyCollection<long> inodes, IReadOnlyCollection<string> fingerprints, CancellationToken cancellationToken);

    /// <summary>
    /// Moves records in one transaction: each record, by id, takes the path, tags and identity of
    /// the file found, becomes valid, and keeps its id and added_at. Returns how many moved.
    /// </summary>
    /// <exception cref="LeaseLostException">The claim's lease is gone: nothing was written.</exception>
    Task<int> MoveBatchAsync(ScanClaim claim, IReadOnlyList<(long FileId, FileRecord Record)> moves, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>How many valid (not missing) files the library holds.</summary>
    Task<long> CountValidAsync(long libraryId, CancellationToken cancellationToken);

    /// <summary>Whether the library holds any valid file: one index probe, where counting reads the whole library.</summary>
    Task<bool> HasValidAsync(long libraryId, CancellationToken cancellationToken);

    /// <summary>Deletes the records missing since before <paramref name="missingBefore"/> (of one library, or all). Returns how many.</summary>
    Task<int> PurgeMissingAsync(long? libraryId, DateTimeOffset missingBefore, CancellationToken cancellationToken);

    /// <summary>Deletes one record if it is missing (present files are never purged). Returns whether it did.</summary>
    Task<bool> PurgeMissingFileAsync(long fileId, CancellationToken cancellationToken);

    Task<Page<LibraryFile>> QueryAsync(FileQuery query, CancellationToken cancellationToken);

    Task<LibraryFile?> GetAsync(long fileId, CancellationToken cancellationToken);
}
