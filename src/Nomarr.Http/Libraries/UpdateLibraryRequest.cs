namespace Nomarr.Http.Libraries;

/// <summary>
/// `PATCH /api/libraries/{id}`: a new name, watching on or off, a watch mode (auto, inotify, poll, off),
/// a poll period in seconds (0: back to Watcher:PollSeconds), the node it is pinned to (null unpins it),
/// or several of them. <see cref="Node"/> is a raw element so that "absent" and null differ.
/// </summary>
public sealed record UpdateLibraryRequest(string? Name, bool? Watch, string? WatchMode = null, int? PollSeconds = null)
{
    public System.Text.Json.JsonElement Node { get; init; }
}
