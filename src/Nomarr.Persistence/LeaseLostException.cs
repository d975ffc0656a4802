namespace Nomarr.Persistence;

/// <summary>
/// A write or a completion presented a claim whose lease is gone (expired on the database's clock, or
/// taken over): nothing was written. The scan must stop; it is recorded as interrupted.
/// </summary>
public sealed class LeaseLostException : Exception
{
    public LeaseLostException()
    {
    }

    public LeaseLostException(string message)
        : base(message)
    {
    }

    public LeaseLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static LeaseLostException For(ScanClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return new($"Scan {claim.RunId} of library {claim.LibraryId} lost its lease: another scan holds the library now.");
    }
}
