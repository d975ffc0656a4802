using Nomarr.Components.Identity;
using Nomarr.Components.Walking;
using Nomarr.Helpers.Errors;
using Nomarr.Helpers.Libraries;
using Nomarr.Persistence;

namespace Nomarr.Workflows.Scanning;

/// <summary>
/// The breaker on deletions at the root: before a scan touches anything, the root must be a
/// readable folder, and, while the database holds files for the library, neither empty nor on
/// another device than at the last scan (an unmounted drive leaves an empty mount point on the
/// parent filesystem). Otherwise the scan fails and nothing is marked missing.
/// </summary>
internal sealed class RootBreaker(ILibraryFileRepository files, DeviceInodes inodes)
{
    /// <summary>After the walk, before anything is marked missing or moved: the root must still be there, on the same device.</summary>
    /// <exception cref="InvalidLibraryRootException">The root disappeared or changed device during the scan.</exception>
    public void EnsureStillThere(Library library, long? device)
    {
        if (!Directory.Exists(library.RootPath) || (device is { } before && inodes.Of(library.RootPath)?.Device is { } now && now != before))
        {
            throw new InvalidLibraryRootException(library.RootPath, "the folder went away during the scan (was the drive unplugged?); nothing was marked missing");
        }
    }

    /// <summary>Returns the root's device, to be recorded once the scan completes.</summary>
    /// <exception cref="InvalidLibraryRootException">The root is missing, not a folder, or unreadable.</exception>
    /// <exception cref="ScanRefusedException">The root is empty or on another device while files are recorded.</exception>
    public async Task<long?> CheckAsync(Library library, bool confirmed, CancellationToken cancellationToken)
    {
        var root = library.RootPath;
        if (File.Exists(root))
        {
            throw new InvalidLibraryRootException(root, "it is a file, not a folder; nothing was scanned or marked missing");
        }

        if (!Directory.Exists(root))
        {
            throw new InvalidLibraryRootException(root, "the folder does not exist (is the drive mounted?); nothing was scanned or marked missing");
        }

        bool empty;
        try
        {
            empty = !Directory.EnumerateFileSystemEntries(root).Any(e => !MediaFiles.IsIgnoredName(Path.GetFileName(e)));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidLibraryRootException(root, $"the folder cannot be read ({ex.Message}); nothing was scanned or marked missing");
        }

        var device = inodes.Of(root)?.Device;
        if (confirmed)
        {
            return device;
        }

        // Every scan passes here, a targeted one of a single album too: ask whether files are recorded,
        // and count them (a read of the whole library) only to explain a refusal.
        if (!await files.HasValidAsync(library.Id, cancellationToken))
        {
            return device;
        }

        if (empty)
        {
            var recorded = await files.CountValidAsync(library.Id, cancellationToken);
            throw new ScanRefusedException(
                $"The library folder '{root}' is empty, but {recorded} files are recorded for it: is the drive mounted? Nothing was scanned or marked missing. " +
                "If the files really are gone, confirm with `nomarr scan --allow-mass-missing`.");
        }

        if (library.RootDevice is { } before && device is { } now && before != now)
        {
            throw new ScanRefusedException(
                $"The library folder '{root}' is on another device than at the last scan (an unmounted drive leaves its empty mount point behind). " +
                "Nothing was scanned or marked missing. If the library really moved to another disk, confirm with `nomarr scan --allow-mass-missing`.");
        }

        return device;
    }
}
