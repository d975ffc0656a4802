using Nomarr.Helpers.Libraries;

namespace Nomarr.Workflows.Watching;

/// <summary>How a library is watched (<see cref="WatchMode.Inotify"/>, <see cref="WatchMode.Poll"/> or <see cref="WatchMode.Off"/>) and why, in words a user can check.</summary>
public sealed record WatchModeChoice(WatchMode Mode, string Reason);
