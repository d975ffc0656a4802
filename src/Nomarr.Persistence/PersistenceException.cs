namespace Nomarr.Persistence;

/// <summary>
/// The database could not do what was asked (not a database, unreadable, read-only, busy past its timeout).
/// Engines throw it in place of their own errors, so that callers above the ports know no engine.
/// </summary>
public sealed class PersistenceException : Exception
{
    public PersistenceException()
    {
    }

    public PersistenceException(string message)
        : base(message)
    {
    }

    public PersistenceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
