namespace Nomarr.Helpers.Errors;

/// <summary>A database copy refused (the target holds data) or found unequal at the end; the source is never changed.</summary>
public sealed class DatabaseCopyException : Exception
{
    public DatabaseCopyException(string message)
        : base(message)
    {
    }

    public DatabaseCopyException()
    {
    }

    public DatabaseCopyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
