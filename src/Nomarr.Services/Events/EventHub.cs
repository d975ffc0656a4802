using System.Collections.Immutable;
using System.Threading.Channels;

namespace Nomarr.Services.Events;

/// <summary>
/// Hands live events (scans, watchers) to every subscriber, in process. Each subscriber has its own
/// small bounded channel that drops its oldest event when full: publishing never waits, so a slow
/// or stalled client loses old progress events instead of slowing a scan down.
/// </summary>
public sealed class EventHub
{
    /// <summary>Events a subscriber may fall behind by before the oldest are dropped.</summary>
    public const int SubscriberCapacity = 256;

    private ImmutableArray<Channel<HubEvent>> _subscribers = [];

    public int SubscriberCount => _subscribers.Length;

    public void Publish(string type, object data)
    {
        var hubEvent = new HubEvent(type, data);
        foreach (var subscriber in _subscribers)
        {
            subscriber.Writer.TryWrite(hubEvent);
        }
    }

    /// <summary>Receives every event published from now on, until the subscription is disposed.</summary>
    public EventSubscription Subscribe()
    {
        var channel = Channel.CreateBounded<HubEvent>(new BoundedChannelOptions(SubscriberCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        ImmutableInterlocked.Update(ref _subscribers, list => list.Add(channel));
        return new EventSubscription(channel.Reader, () =>
        {
            ImmutableInterlocked.Update(ref _subscribers, list => list.Remove(channel));
            channel.Writer.TryComplete();
        });
    }
}
