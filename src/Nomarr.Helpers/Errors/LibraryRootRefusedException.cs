namespace Nomarr.Helpers.Errors;

/// <summary>
/// A folder that may not become a library: a system folder, one on a pseudo-filesystem, or one outside
/// the allowed roots. Decided before the folder is looked at, so it says nothing about whether it exists.
/// </summary>
public sealed class LibraryRootRefusedException : Exception
{
    public LibraryRootRefusedException(string path, string reason)
        : base($"'{path}' cannot be a library: {reason}.")
    {
        Reason = reason;
    }

    public LibraryRootRefusedException()
    {
    }

    public LibraryRootRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string Reason { get; } = string.Empty;
}
