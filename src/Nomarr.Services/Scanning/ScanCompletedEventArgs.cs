using Nomarr.Helpers.Scanning;

namespace Nomarr.Services.Scanning;

/// <summary>A scan run by the queue: its result, or the error that stopped it.</summary>
public sealed class ScanCompletedEventArgs(long libraryId, ScanResult? result, Exception? error) : EventArgs
{
    public long LibraryId { get; } = libraryId;

    public ScanResult? Result { get; } = result;

    public Exception? Error { get; } = error;
}
