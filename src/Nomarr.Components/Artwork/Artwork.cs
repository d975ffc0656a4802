namespace Nomarr.Components.Artwork;

/// <summary>An image's bytes as stored, its MIME type, a SHA-256 of the bytes (hex), and where it came from.</summary>
public sealed record Artwork(byte[] Data, string MimeType, string Hash, ArtworkSource Source);
