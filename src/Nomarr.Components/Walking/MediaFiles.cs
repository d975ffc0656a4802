namespace Nomarr.Components.Walking;

/// <summary>
/// Which names are audio files, playlists or images, and which are hidden, temporary or OS files
/// that never count.
/// </summary>
public static class MediaFiles
{
    private static readonly HashSet<string> AudioExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".mp3", ".flac", ".m4a", ".mp4", ".aac", ".ogg", ".oga", ".opus", ".wav", ".aif", ".aiff", ".wma", ".wv", ".ape", ".mpc", ".dsf",
    };

    private static readonly HashSet<string> PlaylistExtensions = new(StringComparer.OrdinalIgnoreCase) { ".m3u", ".m3u8", ".pls" };

    private static readonly HashSet<string> ImageExtensions = new(StringComparer.OrdinalIgnoreCase) { ".jpg", ".jpeg", ".png", ".gif", ".webp" };

    private static readonly HashSet<string> TemporaryExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".tmp", ".part", ".crdownload", ".partial", ".download", ".!qb", ".swp",
    };

    private static readonly HashSet<string> SystemNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "Thumbs.db", "ehthumbs.db", "desktop.ini", "$RECYCLE.BIN", "System Volume Information", "lost+found", "@eaDir", "#recycle", "#snapshot",
    };

    public static bool IsAudio(string fileName) => AudioExtensions.Contains(Path.GetExtension(fileName));

    public static bool IsPlaylist(string fileName) => PlaylistExtensions.Contains(Path.GetExtension(fileName));

    public static bool IsImage(string fileName) => ImageExtensions.Contains(Path.GetExtension(fileName));

    /// <summary>Audio, playlists and cover images: the files whose changes are worth a scan of their folder.</summary>
    public static bool IsMedia(string fileName) => IsAudio(fileName) || IsPlaylist(fileName) || IsImage(fileName);

    /// <summary>Hidden (dot) names, editor and download leftovers, and OS bookkeeping files and folders.</summary>
    public static bool IsIgnoredName(string name) =>
        name.Length == 0
        || name[0] == '.'
        || name[^1] == '~'
        || SystemNames.Contains(name)
        || TemporaryExtensions.Contains(Path.GetExtension(name));

    /// <summary>True when any segment of a root-relative path is ignored (a file inside `.git/` or `@eaDir/` counts as ignored); "" is the root, not ignored.</summary>
    public static bool IsIgnoredPath(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        foreach (var segment in relativePath.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (IsIgnoredName(segment))
            {
                return true;
            }
        }

        return false;
    }
}
