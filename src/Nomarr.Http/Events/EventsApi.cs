using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
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

    private static ServerSentEventsResult<object> Stream(EventHub hub, CancellationToken ct) =>
        TypedResults.ServerSentEvents(ReadAsync(hub, ct));

    private static async IAsyncEnumerable<SseItem<object>> ReadAsync(EventHub hub, [EnumeratorCancellation] CancellationToken ct)
    {
        using var subscription = hub.Subscribe();
        yield return new SseItem<object>(new { Subscribers = hub.SubscriberCount }, Ready);
        await foreach (var hubEvent in subscription.Reader.ReadAllAsync(ct))
        {
            yield return new SseItem<object>(hubEvent.Data, hubEvent.Type);
        }
    }
}
