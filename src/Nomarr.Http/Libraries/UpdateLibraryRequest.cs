namespace Nomarr.Http.Libraries;

/// <summary>
/// `PATCH /api/libraries/{id}`: a new name, watching on or off, a watch mode (auto, inotify, poll, off),
/// a poll period in seconds (0: back to Watcher:PollSeconds), or several of them.
/// </summary>
public sealed record UpdateLibraryRequest(string? Name, bool? Watch, string? WatchMode = null, int? PollSeconds = null);
