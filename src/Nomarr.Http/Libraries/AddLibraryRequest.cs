namespace Nomarr.Http.Libraries;

/// <summary>
/// `POST /api/libraries`: the folder, an optional name, and how to watch it: <see cref="WatchMode"/>
/// (auto, inotify, poll, off; default auto), or the older <see cref="Watch"/> (true: auto, false: off),
/// its own poll period in seconds, and the node it is pinned to.
/// </summary>
public sealed record AddLibraryRequest(string? Path, string? Name, bool? Watch, string? WatchMode = null, int? PollSeconds = null, string? Node = null);
