namespace Nomarr.Helpers.Errors;

/// <summary>A library root that does not exist, is not a directory, or cannot be used.</summary>
public sealed class InvalidLibraryRootException : Exception
{
    public InvalidLibraryRootException(string path, string reason)
        : base($"'{path}' cannot be a library root: {reason}.")
    {
    }

    public InvalidLibraryRootException()
    {
    }

    public InvalidLibraryRootException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
