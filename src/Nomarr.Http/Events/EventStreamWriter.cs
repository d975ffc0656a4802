using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Nomarr.Services.Events;

namespace Nomarr.Http.Events;

/// <summary>
/// Writes one subscriber's events as Server-Sent Events. A comment line every <see cref="Heartbeat"/>
/// while nothing happens keeps proxies from closing an idle stream and finds dead clients; a write that
/// does not complete within <see cref="WriteTimeout"/> (a client that stopped reading) or that fails
/// ends the stream, so the subscriber is dropped instead of holding its slot for good.
/// </summary>
internal sealed class EventStreamWriter(Stream body, JsonSerializerOptions json, TimeProvider time)
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(30);

    private static readonly byte[] HeartbeatComment = ": heartbeat\n\n"u8.ToArray();

    public async Task<EventStreamEnd> RunAsync(HubEvent first, ChannelReader<HubEvent> events, CancellationToken cancellationToken)
    {
        try
        {
            await WriteAsync(Format(first), cancellationToken);
            while (true)
            {
                if (!await WaitAsync(events, cancellationToken))
                {
                    await WriteAsync(HeartbeatComment, cancellationToken);
                    continue;
                }

                while (events.TryRead(out var hubEvent))
                {
                    await WriteAsync(Format(hubEvent), cancellationToken);
                }

                if (events.Completion.IsCompleted)
                {
                    return EventStreamEnd.Closed;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return EventStreamEnd.Closed;
        }
        catch (TimeoutException)
        {
            return EventStreamEnd.Stalled;
        }
        catch (IOException)
        {
            return EventStreamEnd.Failed;
        }
    }

    /// <returns>True when events are there (or the channel ended), false when the heartbeat is due first.</returns>
    private async Task<bool> WaitAsync(ChannelReader<HubEvent> events, CancellationToken cancellationToken)
    {
        using var beat = new CancellationTokenSource(Heartbeat, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, beat.Token);
        try
        {
            await events.WaitToReadAsync(linked.Token);
            return true;
        }
        catch (OperationCanceledException) when (beat.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        using var stall = new CancellationTokenSource(WriteTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stall.Token);
        try
        {
            await body.WriteAsync(bytes, linked.Token);
            await body.FlushAsync(linked.Token);
        }
        catch (OperationCanceledException) when (stall.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException("The client did not take an event within the write timeout.");
        }
    }

    /// <remarks>Compact JSON has no line breaks (they are escaped in strings), so the payload is one data line.</remarks>
    private byte[] Format(HubEvent hubEvent) =>
        Encoding.UTF8.GetBytes($"event: {hubEvent.Type}\ndata: {JsonSerializer.Serialize(hubEvent.Data, hubEvent.Data.GetType(), json)}\n\n");
}
