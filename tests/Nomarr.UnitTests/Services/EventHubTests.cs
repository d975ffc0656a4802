using Nomarr.Services.Events;

namespace Nomarr.UnitTests.Services;

public sealed class EventHubTests
{
    [Fact]
    public void ASubscriberThatDoesNotReadNeverBlocksPublishingAndKeepsOnlyTheNewestEvents()
    {
        var hub = new EventHub();
        using var stalled = hub.Subscribe();

        for (var i = 0; i < 10_000; i++)
        {
            hub.Publish("tick", i);
        }

        var kept = new List<int>();
        while (stalled.Reader.TryRead(out var e))
        {
            kept.Add((int)e.Data);
        }

        Assert.Equal(EventHub.SubscriberCapacity, kept.Count);
        Assert.Equal(10_000 - EventHub.SubscriberCapacity, kept[0]);
        Assert.Equal(9_999, kept[^1]);
    }

    [Fact]
    public void EverySubscriberGetsEveryEventInOrderAndAnEndedSubscriptionGetsNoMore()
    {
        var hub = new EventHub();
        using var first = hub.Subscribe();
        var second = hub.Subscribe();

        hub.Publish("a", 1);
        second.Dispose();
        hub.Publish("b", 2);

        Assert.Equal(["a", "b"], Drain(first));
        Assert.Equal(["a"], Drain(second));
        Assert.Equal(1, hub.SubscriberCount);
    }

    private static List<string> Drain(EventSubscription subscription)
    {
        var types = new List<string>();
        while (subscription.Reader.TryRead(out var e))
        {
            types.Add(e.Type);
        }

        return types;
    }
}
