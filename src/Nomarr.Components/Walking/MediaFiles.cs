namespace Nomarr.Components.Walking;

/// <summary>Which names are audio files, and which are hidden, temporary or OS files that never count.</summary>
public static class MediaFiles
{
    private static readonly HashSet<string> AudioExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".mp3", ".flac", ".m4a", ".mp4", ".aac", ".ogg", ".oga", ".opus", ".wav", ".aif", ".aiff", ".wma", ".wv", ".ape", ".mpc", ".dsf",
    };

    private static readonly HashSet<string> TemporaryExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".tmp", ".part", ".crdownload", ".partial", ".download", ".!qb", ".swp",
    };

    private static readonly HashSet<string> SystemNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "Thumbs.db", "desktop.ini", "$RECYCLE.BIN", "System Volume Information", "lost+found", "@eaDir",
    };

    public static bool IsAudio(string fileName) => AudioExtensions.Contains(Path.GetExtension(fileName));

    /// <summary>Hidden (dot) names, editor and download leftovers, and OS bookkeeping files and folders.</summary>
    public static bool IsIgnoredName(string name) =>
        name.Length == 0
        || name[0] == '.'
        || name[^1] == '~'
        || SystemNames.Contains(name)
        || TemporaryExtensions.Contains(Path.GetExtension(name));
}
