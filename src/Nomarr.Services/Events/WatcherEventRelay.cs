using Microsoft.Extensions.Hosting;
using Nomarr.Services.Watching;

namespace Nomarr.Services.Events;

/// <summary>Passes the watchers' state changes on to the live events (watcher_state).</summary>
internal sealed class WatcherEventRelay(FileWatcherService watchers, EventHub hub) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        watchers.StateChanged += OnStateChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        watchers.StateChanged -= OnStateChanged;
        return Task.CompletedTask;
    }

    private void OnStateChanged(object? sender, WatcherStateChangedEventArgs e) => hub.Publish(EventTypes.WatcherState, e.State);
}
