namespace Nomarr.Services.Status;

/// <summary>The service at a glance. <see cref="WatcherAvailable"/> is false when no file watcher runs in this process.</summary>
public sealed record NomarrStatus(string Version, string DatabaseProvider, bool WatcherAvailable, IReadOnlyList<LibraryStatus> Libraries)
{
    /// <summary>This process's node name (Node:Name).</summary>
    public string? Node { get; init; }
}
