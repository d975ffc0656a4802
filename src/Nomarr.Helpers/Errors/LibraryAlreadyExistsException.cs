namespace Nomarr.Helpers.Errors;

/// <summary>The folder is a library already.</summary>
public sealed class LibraryAlreadyExistsException : Exception
{
    public LibraryAlreadyExistsException(string path, long existingId, string existingName)
        : base($"'{path}' is library {existingId} ('{existingName}') already.")
    {
        ExistingId = existingId;
    }

    public LibraryAlreadyExistsException()
    {
    }

    public LibraryAlreadyExistsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public long ExistingId { get; }
}
