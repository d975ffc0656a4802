using Microsoft.Extensions.Time.Testing;

namespace Nomarr.IntegrationTests.Infrastructure;

/// <summary>
/// Fake time that also tells when timers are set and how often they fired, so a test advances the
/// clock once the code waits on it, instead of advancing on a loop of real time.
/// </summary>
public sealed class RecordingTime(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Lock _lock = new();
    private readonly List<(TimeSpan Due, TimeSpan Period)> _set = [];
    private readonly Dictionary<TimeSpan, int> _fired = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private (TimeSpan Due, Exception Error)? _failNext;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (_lock)
        {
            if (_failNext is { } fail && fail.Due == dueTime)
            {
                _failNext = null;
                throw fail.Error;
            }
        }

        // Recorded once the fake clock holds the timer: a test that advances as soon as it sees it set moves it.
        var timer = new Recorded(this);
        timer.Inner = base.CreateTimer(
            s =>
            {
                timer.Fired();
                callback(s);
            },
            state,
            dueTime,
            period);
        timer.Set(dueTime, period);
        return timer;
    }

    /// <summary>The next timer of <paramref name="due"/> is not made: asking for it throws <paramref name="error"/>, which reaches the code that waits.</summary>
    public void FailNextTimer(TimeSpan due, Exception error)
    {
        lock (_lock)
        {
            _failNext = (due, error);
        }
    }

    /// <summary>How many times a timer was set (made or changed with a due time), whatever its due time.</summary>
    public int TimersSet
    {
        get
        {
            lock (_lock)
            {
                return _set.Count;
            }
        }
    }

    /// <summary>How many times timers of this period fired (one-shot timers have the infinite period).</summary>
    public int TimesFired(TimeSpan period)
    {
        lock (_lock)
        {
            return _fired.GetValueOrDefault(period);
        }
    }

    /// <summary>Completes once <paramref name="count"/> one-shot timers (a Task.Delay) of <paramref name="due"/> have been set.</summary>
    public async Task WhenDelaySetAsync(TimeSpan due, int count)
    {
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_set.Count(s => s.Due == due && s.Period == Timeout.InfiniteTimeSpan) >= count)
                {
                    return;
                }

                changed = _changed.Task;
            }

            await changed;
        }
    }

    private void Record(TimeSpan due, TimeSpan period, bool fired)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            if (fired)
            {
                _fired[period] = _fired.GetValueOrDefault(period) + 1;
            }
            else
            {
                _set.Add((due, period));
            }

            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    private sealed class Recorded(RecordingTime time) : ITimer
    {
        private TimeSpan _period;

        public ITimer? Inner { get; set; }

        public void Set(TimeSpan due, TimeSpan period)
        {
            _period = period;
            if (due != Timeout.InfiniteTimeSpan)
            {
                time.Record(due, period, fired: false);
            }
        }

        public void Fired() => time.Record(TimeSpan.Zero, _period, fired: true);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = Inner!.Change(dueTime, period);
            Set(dueTime, period);
            return changed;
        }

        public void Dispose() => Inner?.Dispose();

        public ValueTask DisposeAsync() => Inner?.DisposeAsync() ?? ValueTask.CompletedTask;
    }
}
