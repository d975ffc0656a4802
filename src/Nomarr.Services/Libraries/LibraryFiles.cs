using Nomarr.Helpers.Libraries;
using Nomarr.Persistence;

namespace Nomarr.Services.Libraries;

/// <summary>The files the scans recorded: queries, one file, and the purge of missing ones.</summary>
public sealed class LibraryFiles(ILibraryFileRepository files, TimeProvider time)
{
    public Task<Page<LibraryFile>> QueryAsync(FileQuery query, CancellationToken cancellationToken) => files.QueryAsync(query, cancellationToken);

    public Task<LibraryFile?> GetAsync(long fileId, CancellationToken cancellationToken) => files.GetAsync(fileId, cancellationToken);

    /// <summary>Deletes the record of one missing file; false when there is no such record or its file is present.</summary>
    public Task<bool> PurgeMissingFileAsync(long fileId, CancellationToken cancellationToken) => files.PurgeMissingFileAsync(fileId, cancellationToken);

    /// <summary>Deletes the records of files missing for longer than <paramref name="olderThan"/>, of one library or all. Returns how many.</summary>
    public Task<int> PurgeMissingAsync(long? libraryId, TimeSpan olderThan, CancellationToken cancellationToken) =>
        files.PurgeMissingAsync(libraryId, time.GetUtcNow() - olderThan, cancellationToken);
}
