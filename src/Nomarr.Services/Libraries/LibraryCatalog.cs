using Nomarr.Helpers.Errors;
using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Paths;
using Nomarr.Helpers.Scanning;
using Nomarr.Persistence;

namespace Nomarr.Services.Libraries;

/// <summary>
/// The libraries: adding, listing, changing and removing them, for the CLI, the HTTP API and the
/// watcher alike. Scanning them is the <see cref="Scanning.ScanRunner"/>'s and the scan queue's.
/// </summary>
public sealed class LibraryCatalog(ILibraryRepository libraries, TimeProvider time)
{
    /// <summary>
    /// Raised after a library is added, updated or removed through this catalog (the watchers follow it).
    /// Changes made by another process sharing the database are not seen here.
    /// </summary>
    public event EventHandler<LibrariesChangedEventArgs>? LibrariesChanged;

    /// <summary>Adds a library watched in the <see cref="WatchMode.Auto"/> mode, or not watched at all.</summary>
    /// <exception cref="LibraryRootRefusedException">A system folder (see <see cref="LibraryRootPolicy"/>).</exception>
    /// <exception cref="InvalidLibraryRootException">The path does not exist or is not a folder.</exception>
    /// <exception cref="LibraryAlreadyExistsException">The folder is a library already.</exception>
    public Task<Library> AddAsync(string path, string? name, bool watch, CancellationToken cancellationToken) =>
        AddAsync(path, name, watch ? WatchMode.Auto : WatchMode.Off, null, LibraryRootRules.Default, cancellationToken);

    /// <summary>Adds a library whose folder passes <paramref name="rules"/>, checked before the folder is looked at.</summary>
    /// <param name="path">The folder.</param>
    /// <param name="name">A name; null: the folder's name.</param>
    /// <param name="watchMode">How `nomarr serve` follows its changes.</param>
    /// <param name="pollSeconds">Its own poll period; null: Watcher:PollSeconds.</param>
    /// <param name="rules">Which folders may be libraries.</param>
    /// <param name="cancellationToken">Cancels the addition.</param>
    /// <exception cref="LibraryRootRefusedException">The rules refuse the folder, whether or not it exists.</exception>
    /// <exception cref="InvalidLibraryRootException">The path does not exist or is not a folder.</exception>
    /// <exception cref="LibraryAlreadyExistsException">The folder is a library already.</exception>
    public async Task<Library> AddAsync(
        string path, string? name, WatchMode watchMode, int? pollSeconds, LibraryRootRules rules, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        if (LibraryRootPolicy.RefusalOf(root, rules) is { } refusal)
        {
            throw new LibraryRootRefusedException(path, refusal);
        }

        if (!Directory.Exists(root))
        {
            throw new InvalidLibraryRootException(path, File.Exists(root) ? "it is a file, not a folder" : "the folder does not exist");
        }

        var existing = await libraries.ListAsync(cancellationToken);
        if (existing.FirstOrDefault(l => string.Equals(l.RootPath, root, StringComparison.Ordinal)) is { } same)
        {
            throw new LibraryAlreadyExistsException(path, same.Id, same.Name);
        }

        var libraryName = string.IsNullOrWhiteSpace(name) ? Path.GetFileName(root) is { Length: > 0 } n ? n : root : name.Trim();
        var added = await libraries.AddAsync(libraryName, root, watchMode, pollSeconds, time.GetUtcNow(), cancellationToken);
        LibrariesChanged?.Invoke(this, new LibrariesChangedEventArgs(added.Id, LibraryChange.Added));
        return added;
    }

    public Task<IReadOnlyList<Library>> ListAsync(CancellationToken cancellationToken) => libraries.ListAsync(cancellationToken);

    /// <exception cref="LibraryNotFoundException">There is no such library.</exception>
    public async Task<Library> GetAsync(long libraryId, CancellationToken cancellationToken) =>
        await libraries.GetAsync(libraryId, cancellationToken) ?? throw new LibraryNotFoundException(libraryId);

    /// <exception cref="LibraryNotFoundException">There is no such library.</exception>
    /// <exception cref="ScanAlreadyRunningException">It is being scanned, here or by another process sharing the database.</exception>
    public async Task RemoveAsync(long libraryId, CancellationToken cancellationToken)
    {
        _ = await GetAsync(libraryId, cancellationToken);

        // One transaction refuses while any process holds a live lease on the library.
        if (!await libraries.RemoveAsync(libraryId, cancellationToken))
        {
            throw new LibraryNotFoundException(libraryId);
        }

        LibrariesChanged?.Invoke(this, new LibrariesChangedEventArgs(libraryId, LibraryChange.Removed));
    }

    /// <summary>
    /// Changes what is given: <paramref name="watchMode"/> wins over <paramref name="watch"/>, which turns an
    /// unwatched library to <see cref="WatchMode.Auto"/> (a watched one keeps its mode) or any library off;
    /// a <paramref name="pollSeconds"/> of 0 goes back to Watcher:PollSeconds.
    /// </summary>
    /// <exception cref="LibraryNotFoundException">There is no such library.</exception>
    public async Task<Library> UpdateAsync(
        long libraryId, string? name, bool? watch, WatchMode? watchMode, int? pollSeconds, CancellationToken cancellationToken)
    {
        var mode = watchMode ?? watch switch
        {
            false => WatchMode.Off,
            true when (await GetAsync(libraryId, cancellationToken)).WatchMode == WatchMode.Off => WatchMode.Auto,
            _ => (WatchMode?)null,
        };
        if (!await libraries.UpdateAsync(libraryId, string.IsNullOrWhiteSpace(name) ? null : name.Trim(), mode, pollSeconds, cancellationToken))
        {
            throw new LibraryNotFoundException(libraryId);
        }

        LibrariesChanged?.Invoke(this, new LibrariesChangedEventArgs(libraryId, LibraryChange.Updated));
        return await GetAsync(libraryId, cancellationToken);
    }

    /// <summary>
    /// Turns a folder given by a user into a target: a path relative to the root, or an absolute
    /// path inside the root. Anything that leaves the root is refused.
    /// </summary>
    /// <exception cref="InvalidScanPathException">The folder is outside the library.</exception>
    public static ScanTarget ResolveTarget(Library library, string? folder)
    {
        ArgumentNullException.ThrowIfNull(library);
        if (!string.IsNullOrEmpty(folder) && Path.IsPathRooted(folder) && Path.IsPathFullyQualified(folder))
        {
            return new ScanTarget(library.Id, PathNormalizer.RelativeToRoot(library.RootPath, folder));
        }

        return new ScanTarget(library.Id, folder);
    }
}
