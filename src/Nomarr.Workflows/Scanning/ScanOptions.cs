namespace Nomarr.Workflows.Scanning;

/// <summary>How one scan runs: files per transaction and tag readers at once.</summary>
public sealed record ScanOptions(int BatchSize = 200, int Parallelism = 0)
{
    public int EffectiveParallelism => Parallelism > 0 ? Parallelism : Environment.ProcessorCount;
}
