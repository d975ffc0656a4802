using Nomarr.Components.Artwork;
using Nomarr.Helpers.Paths;
using Nomarr.Persistence;

namespace Nomarr.Services.Libraries;

/// <summary>The cover of a stored file, read from disk when asked for: embedded, else its folder's image.</summary>
public sealed class ArtworkService(ILibraryRepository libraries, ILibraryFileRepository files, ArtworkReader reader)
{
    /// <summary>Null when the file is unknown, missing, or has no cover.</summary>
    public async Task<Artwork?> GetAsync(long fileId, CancellationToken cancellationToken)
    {
        if (await files.GetAsync(fileId, cancellationToken) is not { Valid: true } file
            || await libraries.GetAsync(file.LibraryId, cancellationToken) is not { } library)
        {
            return null;
        }

        return reader.Read(PathNormalizer.ToFullPath(library.RootPath, file.Path));
    }
}
