using System.Threading.Channels;

namespace Nomarr.Services.Events;

/// <summary>One subscriber's events; disposing it unsubscribes.</summary>
public sealed class EventSubscription(ChannelReader<HubEvent> reader, Action unsubscribe) : IDisposable
{
    private int _disposed;

    public ChannelReader<HubEvent> Reader { get; } = reader;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            unsubscribe();
        }
    }
}
