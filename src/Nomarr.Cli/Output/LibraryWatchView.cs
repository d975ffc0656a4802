using System.Text.Json;
using System.Text.Json.Nodes;
using Nomarr.Helpers.Json;
using Nomarr.Helpers.Libraries;
using Nomarr.Workflows.Watching;

namespace Nomarr.Cli.Output;

/// <summary>
/// How `nomarr serve` would watch a library, as `library list` shows it: the mode auto picks on the
/// root's filesystem right now, and why. A root that does not answer statfs within the timeout is polled.
/// </summary>
internal static class LibraryWatchView
{
    private static readonly TimeSpan StatfsTimeout = TimeSpan.FromSeconds(5);

    public static Task<WatchModeChoice> ChooseAsync(Library library, CancellationToken cancellationToken) =>
        WatchModeChooser.ChooseAsync(library.WatchMode, library.RootPath, StatfsTimeout, cancellationToken);

    /// <summary>The library's JSON with a "watching" object: the mode that runs, the reason and the poll period.</summary>
    public static JsonNode ToJson(Library library, WatchModeChoice choice, int defaultPollSeconds)
    {
        var node = JsonSerializer.SerializeToNode(library, NomarrJson.Options)!;
        node["watching"] = new JsonObject
        {
            ["mode"] = choice.Mode.ToString().ToLowerInvariant(),
            ["reason"] = choice.Reason,
            ["poll_seconds"] = choice.Mode == WatchMode.Poll ? library.PollSeconds ?? defaultPollSeconds : null,
        };
        return node;
    }

    /// <summary>"poll every 60 s", "inotify", "off".</summary>
    public static string Describe(Library library, WatchModeChoice choice, int defaultPollSeconds) =>
        choice.Mode == WatchMode.Poll
            ? "poll every " + (library.PollSeconds ?? defaultPollSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture) + " s"
            : choice.Mode.ToString().ToLowerInvariant();
}
