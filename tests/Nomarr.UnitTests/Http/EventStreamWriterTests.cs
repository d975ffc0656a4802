using System.IO.Pipelines;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using Nomarr.Helpers.Json;
using Nomarr.Http.Events;
using Nomarr.Services.Events;

namespace Nomarr.UnitTests.Http;

/// <summary>The event stream's heartbeat and its dropping of clients that stop reading, on fake time.</summary>
public sealed class EventStreamWriterTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new();
    private readonly Channel<HubEvent> _events = Channel.CreateUnbounded<HubEvent>();

    [Fact]
    public async Task ReadyComesFirstThenEventsAsOneDataLineEach()
    {
        var pipe = new Pipe();
        using var stop = new CancellationTokenSource();
        var run = new EventStreamWriter(pipe.Writer.AsStream(), NomarrJson.Options, _time)
            .RunAsync(new HubEvent("ready", new { Subscribers = 1 }), _events.Reader, stop.Token);

        _events.Writer.TryWrite(new HubEvent("scan_started", new { ScanId = 7, Folder = "a\nb" }));

        var text = await ReadUntilAsync(pipe.Reader, "scan_started");
        Assert.StartsWith("event: ready\ndata: {\"subscribers\":1}\n\n", text, StringComparison.Ordinal);
        Assert.Contains("event: scan_started\ndata: {\"scan_id\":7,\"folder\":\"a\\nb\"}\n\n", text, StringComparison.Ordinal);
        await stop.CancelAsync();
        Assert.Equal(EventStreamEnd.Closed, await run.WaitAsync(Generous));
    }

    [Fact]
    public async Task AQuietStreamGetsAHeartbeatCommentEveryFifteenSeconds()
    {
        var pipe = new Pipe();
        using var stop = new CancellationTokenSource();
        var run = new EventStreamWriter(pipe.Writer.AsStream(), NomarrJson.Options, _time)
            .RunAsync(new HubEvent("ready", new { }), _events.Reader, stop.Token);
        await ReadUntilAsync(pipe.Reader, "ready");

        // RunAsync returned once it waited for events, with the heartbeat's timer set.
        _time.Advance(EventStreamWriter.Heartbeat - TimeSpan.FromSeconds(1));
        var quiet = pipe.Reader.TryRead(out var early);
        Assert.False(quiet && early.Buffer.Length > 0);
        if (quiet)
        {
            pipe.Reader.AdvanceTo(early.Buffer.Start);
        }

        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Contains(": heartbeat\n\n", await ReadUntilAsync(pipe.Reader, "heartbeat"), StringComparison.Ordinal);
        await stop.CancelAsync();
        await run.WaitAsync(Generous);
    }

    [Fact]
    public async Task AClientThatStopsReadingIsDroppedAfterTheWriteTimeout()
    {
        var stalled = new StalledStream();
        var run = new EventStreamWriter(stalled, NomarrJson.Options, _time)
            .RunAsync(new HubEvent("ready", new { }), _events.Reader, CancellationToken.None);
        await stalled.Writing.Task.WaitAsync(Generous);

        _time.Advance(EventStreamWriter.WriteTimeout - TimeSpan.FromSeconds(1));
        Assert.False(run.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(EventStreamEnd.Stalled, await run.WaitAsync(Generous));
    }

    [Fact]
    public async Task AFailedWriteEndsTheStream()
    {
        var run = new EventStreamWriter(new BrokenStream(), NomarrJson.Options, _time)
            .RunAsync(new HubEvent("ready", new { }), _events.Reader, CancellationToken.None);

        Assert.Equal(EventStreamEnd.Failed, await run.WaitAsync(Generous));
    }

    private static async Task<string> ReadUntilAsync(PipeReader reader, string marker)
    {
        using var timeout = new CancellationTokenSource(Generous);
        var text = new StringBuilder();
        while (!text.ToString().Contains(marker, StringComparison.Ordinal))
        {
            var result = await reader.ReadAsync(timeout.Token);
            foreach (var segment in result.Buffer)
            {
                text.Append(Encoding.UTF8.GetString(segment.Span));
            }

            reader.AdvanceTo(result.Buffer.End);
        }

        return text.ToString();
    }

    /// <summary>A client connection whose receive window is full: a write waits until it is cancelled.</summary>
    private sealed class StalledStream : Stream
    {
        public TaskCompletionSource Writing { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Writing.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A client connection that was reset.</summary>
    private sealed class BrokenStream : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromException(new IOException("Connection reset by peer"));

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
