using Microsoft.Extensions.Options;

namespace Nomarr.Http.Events;

/// <summary>
/// At most Http:MaxEventSubscribers clients of /api/events at once: each holds a connection and a
/// buffer of events, so without a cap a loop of page loads (or another page) could exhaust them.
/// </summary>
internal sealed class EventStreamSlots(IOptions<HttpOptions> options)
{
    private int _taken;

    public int Capacity => options.Value.MaxEventSubscribers;

    /// <summary>A slot to dispose when the stream ends, or null when all are taken.</summary>
    public IDisposable? TryTake()
    {
        if (Interlocked.Increment(ref _taken) > Capacity)
        {
            Interlocked.Decrement(ref _taken);
            return null;
        }

        return new Slot(this);
    }

    private sealed class Slot(EventStreamSlots slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                Interlocked.Decrement(ref slots._taken);
            }
        }
    }
}
