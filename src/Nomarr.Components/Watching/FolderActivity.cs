using Nomarr.Components.Walking;

namespace Nomarr.Components.Watching;

/// <summary>When the media files directly in a folder were last written.</summary>
public static class FolderActivity
{
    private static readonly EnumerationOptions Options = new() { RecurseSubdirectories = false, IgnoreInaccessible = true, AttributesToSkip = 0 };

    /// <summary>How long before <paramref name="now"/> the newest media file of the folder was written; null when it has none or cannot be read.</summary>
    public static TimeSpan? SinceLastWrite(string folder, DateTimeOffset now)
    {
        try
        {
            DateTime? newest = null;
            foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*", Options))
            {
                if (MediaFiles.IsMedia(file.Name) && !MediaFiles.IsIgnoredName(file.Name) && (newest is null || file.LastWriteTimeUtc > newest))
                {
                    newest = file.LastWriteTimeUtc;
                }
            }

            return newest is { } written ? now - new DateTimeOffset(written, TimeSpan.Zero) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return null;
        }
    }
}
