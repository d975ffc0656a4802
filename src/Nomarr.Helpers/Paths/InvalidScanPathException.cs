namespace Nomarr.Helpers.Paths;

/// <summary>A folder or file path that cannot be used inside a library.</summary>
public sealed class InvalidScanPathException : ArgumentException
{
    public InvalidScanPathException(string path, string reason)
        : base($"The path '{path.Replace("\0", "\\0", StringComparison.Ordinal)}' is not allowed: {reason}.")
    {
        Path = path;
        Reason = reason;
    }

    public InvalidScanPathException()
    {
        Path = string.Empty;
        Reason = string.Empty;
    }

    public InvalidScanPathException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = string.Empty;
        Reason = message;
    }

    public string Path { get; }

    public string Reason { get; }
}
