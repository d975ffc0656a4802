using Nomarr.Components.Watching;
using Nomarr.Helpers.Libraries;

namespace Nomarr.Workflows.Watching;

/// <summary>
/// Turns a library's watch mode into the one that runs: <see cref="WatchMode.Auto"/> polls a root on a
/// filesystem whose remote changes inotify misses (see <see cref="FileSystemTypes"/>) and uses inotify otherwise.
/// </summary>
public static class WatchModeChooser
{
    /// <summary>The choice for a root on <paramref name="type"/> (null: statfs failed).</summary>
    public static WatchModeChoice Choose(WatchMode configured, string root, FileSystemType? type) => configured switch
    {
        WatchMode.Off => new(WatchMode.Off, "watching is off for this library"),
        WatchMode.Inotify => new(WatchMode.Inotify, "set to inotify for this library" + On(type)),
        WatchMode.Poll => new(WatchMode.Poll, "set to poll for this library" + On(type)),
        _ when type is null => new(WatchMode.Inotify, "auto: the filesystem of " + root + " could not be read, so inotify is assumed"),
        _ when type.MissesRemoteChanges => new(
            WatchMode.Poll, "auto: " + root + " is on " + type.Name + ", where inotify does not see changes made by other machines"),
        _ => new(WatchMode.Inotify, "auto: " + root + " is on " + type.Name + ", a local filesystem"),
    };

    /// <summary>
    /// The choice for the root as it is now. statfs runs on its own thread and is given
    /// <paramref name="timeout"/>: a root that does not answer is a dead network share, which only a poll can follow.
    /// </summary>
    public static async Task<WatchModeChoice> ChooseAsync(WatchMode configured, string root, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (configured == WatchMode.Off)
        {
            return Choose(configured, root, null);
        }

        var statfs = Task.Factory.StartNew(() => FileSystemTypes.Of(root), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            return Choose(configured, root, await statfs.WaitAsync(timeout, cancellationToken));
        }
        catch (TimeoutException) when (configured == WatchMode.Auto)
        {
            return new(WatchMode.Poll, "auto: statfs of " + root + " did not answer within " + timeout.TotalSeconds + " s (a dead network share?), so it is polled");
        }
        catch (TimeoutException)
        {
            return Choose(configured, root, null);
        }
    }

    private static string On(FileSystemType? type) => type is null ? string.Empty : " (on " + type.Name + ")";
}
