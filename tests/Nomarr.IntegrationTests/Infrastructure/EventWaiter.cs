using Nomarr.Services.Events;

namespace Nomarr.IntegrationTests.Infrastructure;

/// <summary>Reads a subscription of the server's event hub until an event matches, with a generous timeout.</summary>
public static class EventWaiter
{
    public static async Task<T> WaitForAsync<T>(this EventSubscription subscription, string type, Func<T, bool> match)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (await subscription.Reader.WaitToReadAsync(timeout.Token))
        {
            while (subscription.Reader.TryRead(out var hubEvent))
            {
                if (hubEvent.Type == type && hubEvent.Data is T data && match(data))
                {
                    return data;
                }
            }
        }

        throw new InvalidOperationException($"The event stream ended before a matching {type} event.");
    }
}
