using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nomarr.IntegrationTests.Infrastructure;
using Nomarr.Services.Nodes;

namespace Nomarr.IntegrationTests.Nodes;

/// <summary>The relay of what other processes do, on a real SQLite file and fake time.</summary>
public sealed class RemoteScanRelayTests : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(7);

    private readonly RecordingTime _time = new(DateTimeOffset.UtcNow);
    private readonly TempLibrary _disk = new();
    private readonly NomarrTestHost _host;

    public RemoteScanRelayTests() =>
        _host = new NomarrTestHost(new Dictionary<string, string?> { ["Node:PollSeconds"] = "7" }, time: _time, recordLogs: true);

    public void Dispose()
    {
        _host.Dispose();
        _disk.Dispose();
    }

    [Fact]
    public async Task ACancellationThatIsNotItsOwnStopIsLoggedAndTheRelayGoesOn()
    {
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _host.Services.GetRequiredService<NodeService>().LibrariesChanged += (_, _) => changed.TrySetResult();
        _time.FailNextTimer(Poll, new OperationCanceledException("a command timed out"));
        using var relay = ActivatorUtilities.CreateInstance<RemoteScanRelay>(_host.Services);

        await relay.StartAsync(default);

        // The wait for signals failed; the relay's delay before it reads again takes its place on the clock.
        await _time.WhenDelaySetAsync(Poll, 1).WaitAsync(WatchedHost.Patience);
        await _host.Libraries.AddAsync(_disk.Root, null, watch: false, default);
        _time.Advance(Poll);
        await changed.Task.WaitAsync(WatchedHost.Patience);

        Assert.False(relay.ExecuteTask!.IsCompleted);
        Assert.Contains(
            _host.Logs.GetSnapshot(),
            r => r.Category == typeof(RemoteScanRelay).FullName && r.Level == LogLevel.Warning && r.Exception is OperationCanceledException);
        await relay.StopAsync(default);
        Assert.True(relay.ExecuteTask.IsCompletedSuccessfully);
    }
}
