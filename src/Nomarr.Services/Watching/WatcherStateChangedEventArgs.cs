using Nomarr.Helpers.Watching;

namespace Nomarr.Services.Watching;

/// <summary>A library's watcher changed status (watching, degraded, stopped).</summary>
public sealed class WatcherStateChangedEventArgs(WatcherState state) : EventArgs
{
    public WatcherState State { get; } = state;
}
