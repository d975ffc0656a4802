namespace Nomarr.Helpers.Errors;

/// <summary>
/// A scan refused before it touched anything, because the library root looks like a drive that
/// went away (empty, or on another device than before) while the database holds files for it.
/// </summary>
public sealed class ScanRefusedException : Exception
{
    public ScanRefusedException(string message)
        : base(message)
    {
    }

    public ScanRefusedException()
    {
    }

    public ScanRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
