using System.Net;
using System.Net.ServerSentEvents;
using Nomarr.IntegrationTests.Infrastructure;

namespace Nomarr.IntegrationTests.Http.Security;

[Collection(ServeTestGroup.Name)]
public sealed class EventSubscriberLimitTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private readonly List<(HttpResponseMessage Response, Stream Stream)> _open = [];
    private ServeHost _server = null!;

    public async Task InitializeAsync() => _server = await ServeHost.StartAsync(_database.Path);

    public async Task DisposeAsync()
    {
        foreach (var (response, stream) in _open)
        {
            await stream.DisposeAsync();
            response.Dispose();
        }

        await _server.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task The33rdSubscriberIsTurnedAwayAndADroppedClientFreesItsSlot()
    {
        for (var i = 0; i < 32; i++)
        {
            _open.Add(await SubscribeAsync());
        }

        using var turnedAway = await _server.Client.GetAsync(new Uri("/api/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        await ApiTests.AssertProblemAsync(turnedAway, HttpStatusCode.ServiceUnavailable, "Http:MaxEventSubscribers");
        Assert.True(turnedAway.Headers.RetryAfter?.Delta > TimeSpan.Zero);

        // The client goes away (a closed tab): its connection closes and the server drops it.
        var (response, stream) = _open[0];
        _open.RemoveAt(0);
        await stream.DisposeAsync();
        response.Dispose();

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (true)
        {
            var retry = await _server.Client.GetAsync(new Uri("/api/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (retry.StatusCode == HttpStatusCode.OK)
            {
                _open.Add((retry, await retry.Content.ReadAsStreamAsync(timeout.Token)));
                break;
            }

            Assert.Equal(HttpStatusCode.ServiceUnavailable, retry.StatusCode);
            retry.Dispose();
            await Task.Delay(100, timeout.Token);
        }
    }

    private async Task<(HttpResponseMessage, Stream)> SubscribeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var response = await _server.Client.GetAsync(new Uri("/api/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
        await using var events = SseParser.Create(stream).EnumerateAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);
        Assert.True(await events.MoveNextAsync());
        Assert.Equal("ready", events.Current.EventType);
        return (response, stream);
    }
}
