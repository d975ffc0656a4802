using System.Collections.Concurrent;
using System.Diagnostics;
using Nomarr.Helpers.Scanning;

namespace Nomarr.Workflows.Scanning;

/// <summary>Counts shared by the pipeline's stages, which run on several threads.</summary>
internal sealed class ScanCounters
{
    private const int MaxFailuresKept = 1000;

    private int _scanned;
    private int _toRead;
    private int _read;
    private int _added;
    private int _updated;
    private int _unchanged;
    private int _failed;
    private int _vanished;
    private int _skipped;
    private int _batches;
    private int _moved;
    private int _failuresKept;
    private long _readTicks;
    private long _tagTicks;
    private long _keyTicks;
    private long _writeTicks;

    public ConcurrentQueue<ScanFailure> Failures { get; } = new();

    /// <summary>Paths that were walked but held no audio file when read: gone, or not a regular file.</summary>
    public ConcurrentQueue<string> VanishedPaths { get; } = new();

    public int Scanned => Volatile.Read(ref _scanned);
    public int ToRead => Volatile.Read(ref _toRead);
    public int Read => Volatile.Read(ref _read);
    public int Added => Volatile.Read(ref _added);
    public int Updated => Volatile.Read(ref _updated);
    public int Unchanged => Volatile.Read(ref _unchanged);
    public int Failed => Volatile.Read(ref _failed);
    public int Vanished => Volatile.Read(ref _vanished);
    public int Skipped => Volatile.Read(ref _skipped);
    public int Batches => Volatile.Read(ref _batches);
    public int Moved => Volatile.Read(ref _moved);

    /// <summary>Counts a walked file; returns how many were walked so far.</summary>
    public int FileWalked(bool unchanged)
    {
        Interlocked.Increment(ref unchanged ? ref _unchanged : ref _toRead);
        return Interlocked.Increment(ref _scanned);
    }

    public void FileRead() => Interlocked.Increment(ref _read);

    /// <summary>Time spent in reads, summed over the readers (Stopwatch ticks): the whole read, and its tags and keys.</summary>
    public void ReadTimed(long readTicks, long tagTicks, long keyTicks)
    {
        Interlocked.Add(ref _readTicks, readTicks);
        Interlocked.Add(ref _tagTicks, tagTicks);
        Interlocked.Add(ref _keyTicks, keyTicks);
    }

    /// <summary>Time the writer spent writing a batch, its move lookups included (Stopwatch ticks).</summary>
    public void WriteTimed(long ticks) => Interlocked.Add(ref _writeTicks, ticks);

    public TimeSpan ReadTime => Stopwatch.GetElapsedTime(0, Volatile.Read(ref _readTicks));
    public TimeSpan TagTime => Stopwatch.GetElapsedTime(0, Volatile.Read(ref _tagTicks));
    public TimeSpan KeyTime => Stopwatch.GetElapsedTime(0, Volatile.Read(ref _keyTicks));
    public TimeSpan WriteTime => Stopwatch.GetElapsedTime(0, Volatile.Read(ref _writeTicks));

    public void BatchWritten(int inserted, int updated)
    {
        Interlocked.Add(ref _added, inserted);
        Interlocked.Add(ref _updated, updated);
        Interlocked.Increment(ref _batches);
    }

    public void FilesMoved(int moved)
    {
        Interlocked.Add(ref _moved, moved);
        Interlocked.Increment(ref _batches);
    }

    public void FileFailed(ScanFailure failure)
    {
        Interlocked.Increment(ref _failed);
        Keep(failure);
    }

    public void FileVanished(ScanFailure failure)
    {
        Interlocked.Increment(ref _vanished);
        VanishedPaths.Enqueue(failure.Path);
        Keep(failure);
    }

    /// <summary>A FIFO, socket or device with an audio name: never opened, and no audio file at its path.</summary>
    public void FileSkipped(ScanFailure failure)
    {
        Interlocked.Increment(ref _skipped);
        VanishedPaths.Enqueue(failure.Path);
        Keep(failure);
    }

    private void Keep(ScanFailure failure)
    {
        if (Interlocked.Increment(ref _failuresKept) <= MaxFailuresKept)
        {
            Failures.Enqueue(failure);
        }
    }
}
