using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nomarr.Http.Security;
using Nomarr.Services.Events;

namespace Nomarr.Http.Events;

/// <summary>
/// `GET /api/events`: Server-Sent Events. The first event, "ready", says the subscription is live;
/// then scan_queued, scan_started, scan_progress (a few per second), scan_finished and watcher_state,
/// and a comment line as a heartbeat while nothing happens. At most Http:MaxEventSubscribers at once.
/// </summary>
internal static class EventsApi
{
    public const string Ready = "ready";

    /// <summary>Seconds a client turned away should wait before it tries again.</summary>
    private const int RetryAfterSeconds = 10;

    public static RouteGroupBuilder MapEventsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/events", StreamAsync).WithTags("Events").WithName("Events")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    /// <remarks>The stream also ends when the service stops, or an open page would hold up the shutdown.</remarks>
    private static async Task StreamAsync(HttpContext context, EventHub hub, EventStreamSlots slots, IHostApplicationLifetime lifetime, TimeProvider time)
    {
        using var slot = slots.TryTake();
        if (slot is null)
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await Refusal.WriteAsync(
                context,
                StatusCodes.Status503ServiceUnavailable,
                "Too many event streams",
                $"This server follows at most {slots.Capacity} event streams at once (Http:MaxEventSubscribers); try again later.");
            return;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping, context.RequestAborted);
        using var subscription = hub.Subscribe();
        context.Response.ContentType = "text/event-stream";
        var json = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var writer = new EventStreamWriter(context.Response.Body, json, time);
        var end = await writer.RunAsync(new HubEvent(Ready, new { Subscribers = hub.SubscriberCount }), subscription.Reader, linked.Token);
        if (end is EventStreamEnd.Stalled or EventStreamEnd.Failed)
        {
            HttpLog.EventClientDropped(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Nomarr.Http"), end);
            context.Abort();
        }
    }
}
