namespace Nomarr.Helpers.Errors;

public sealed class LibraryNotFoundException : Exception
{
    public LibraryNotFoundException(long libraryId)
        : base($"There is no library with id {libraryId}.")
    {
        LibraryId = libraryId;
    }

    public LibraryNotFoundException()
    {
    }

    public LibraryNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public long LibraryId { get; }
}
