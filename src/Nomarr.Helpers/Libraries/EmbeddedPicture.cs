namespace Nomarr.Helpers.Libraries;

/// <summary>
/// A picture embedded in a file: its role (front_cover, back_cover, ...), MIME type, size in bytes,
/// pixel size when the image header tells it, and a hash of its bytes (SHA-256, hex).
/// </summary>
public sealed record EmbeddedPicture(string Type, string? MimeType, long Size, int? Width, int? Height, string Hash);
