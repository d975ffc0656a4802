using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Nomarr.Services.Events;

namespace Nomarr.Http.Events;

/// <summary>
/// `GET /api/events`: Server-Sent Events. The first event, "ready", says the subscription is live;
/// then scan_queued, scan_started, scan_progress (a few per second), scan_finished and watcher_state.
/// </summary>
internal static class EventsApi
{
    public const string Ready = "ready";

    public static RouteGroupBuilder MapEventsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/events", Stream).WithTags("Events").WithName("Events");
        return api;
    }

    /// <remarks>The stream also ends when the service stops, or an open page would hold up the shutdown.</remarks>
    private static ServerSentEventsResult<object> Stream(EventHub hub, IHostApplicationLifetime lifetime, CancellationToken ct) =>
        TypedResults.ServerSentEvents(ReadAsync(hub, lifetime.ApplicationStopping, ct));

    private static async IAsyncEnumerable<SseItem<object>> ReadAsync(
        EventHub hub, CancellationToken stopping, [EnumeratorCancellation] CancellationToken ct)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, ct);
        using var subscription = hub.Subscribe();
        yield return new SseItem<object>(new { Subscribers = hub.SubscriberCount }, Ready);
        while (await WaitAsync(subscription, linked.Token))
        {
            while (subscription.Reader.TryRead(out var hubEvent))
            {
                yield return new SseItem<object>(hubEvent.Data, hubEvent.Type);
            }
        }
    }

    /// <returns>False once the client went away or the service is stopping.</returns>
    private static async Task<bool> WaitAsync(EventSubscription subscription, CancellationToken token)
    {
        try
        {
            return await subscription.Reader.WaitToReadAsync(token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
