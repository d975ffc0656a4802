using System.Collections.Concurrent;
using Nomarr.Helpers.Scanning;

namespace Nomarr.IntegrationTests.Infrastructure;

/// <summary>Keeps every progress report, synchronously (Progress&lt;T&gt; would post them later).</summary>
public sealed class RecordingProgress : IProgress<ScanProgress>
{
    public ConcurrentQueue<ScanProgress> Reports { get; } = new();

    public void Report(ScanProgress value) => Reports.Enqueue(value);

    public IReadOnlyList<int> BatchSizes => Reports.Where(r => r.Phase == ScanPhase.Writing).Select(r => r.LastBatchSize).ToList();
}
