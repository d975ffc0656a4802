namespace Nomarr.Components.Watching;

/// <summary>The kernel's inotify limits, read from /proc/sys/fs/inotify, so a warning can say what they are.</summary>
public static class InotifyLimits
{
    private const string Folder = "/proc/sys/fs/inotify";

    /// <summary>The value of a setting such as "max_user_watches", or null where there is none (not Linux).</summary>
    public static string? Read(string setting)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(setting);
        try
        {
            var path = Path.Combine(Folder, setting);
            return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
