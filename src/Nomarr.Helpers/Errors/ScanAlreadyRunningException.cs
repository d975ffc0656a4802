namespace Nomarr.Helpers.Errors;

/// <summary>A scan of the library is running already, in this process or in another one.</summary>
public sealed class ScanAlreadyRunningException : Exception
{
    public ScanAlreadyRunningException(long libraryId)
        : base($"A scan of library {libraryId} is already running.")
    {
        LibraryId = libraryId;
    }

    public ScanAlreadyRunningException()
    {
    }

    public ScanAlreadyRunningException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public long LibraryId { get; }
}
