using Nomarr.Helpers.Libraries;

namespace Nomarr.Persistence.Sqlite;

/// <summary>The watch_mode column's text: the mode's name in lower case.</summary>
internal static class WatchModes
{
    public static string Write(WatchMode mode) => mode.ToString().ToLowerInvariant();

    public static WatchMode Read(string text) => Enum.Parse<WatchMode>(text, ignoreCase: true);
}
