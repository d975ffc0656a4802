using System.Security.Cryptography;
using System.Text.Json;
using Nomarr.Helpers.Libraries;
using TagLib;

namespace Nomarr.Components.Tags;

/// <summary>The pictures embedded in an opened file, described (role, type, size, hash) and, on request, their bytes.</summary>
public static class EmbeddedPictures
{
    public static IReadOnlyList<EmbeddedPicture> Describe(TagLib.File file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return (file.Tag.Pictures ?? []).Where(p => p.Data is { Count: > 0 }).Select(Describe).ToList();
    }

    /// <summary>The front cover's bytes and MIME type, else the first picture's; null when there is none.</summary>
    public static (byte[] Data, string MimeType)? Front(TagLib.File file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var pictures = (file.Tag.Pictures ?? []).Where(p => p.Data is { Count: > 0 }).ToList();
        var chosen = pictures.FirstOrDefault(p => p.Type == PictureType.FrontCover) ?? pictures.FirstOrDefault();
        return chosen is null ? null : (chosen.Data.Data, MimeOf(chosen));
    }

    private static EmbeddedPicture Describe(IPicture picture)
    {
        var bytes = picture.Data.Data;
        var size = ImageSize.Read(bytes);
        return new EmbeddedPicture(
            JsonNamingPolicy.SnakeCaseLower.ConvertName(picture.Type.ToString()),
            MimeOf(picture),
            bytes.Length,
            size?.Width,
            size?.Height,
            Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    // Some writers leave the MIME type empty or write "image/jpg"; the bytes tell.
    private static string MimeOf(IPicture picture)
    {
        var bytes = picture.Data.Data;
        if (bytes.Length >= 4 && bytes[0] == 0x89 && bytes[1] == 'P')
        {
            return "image/png";
        }

        if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8)
        {
            return "image/jpeg";
        }

        if (bytes.Length >= 3 && bytes[0] == 'G' && bytes[1] == 'I' && bytes[2] == 'F')
        {
            return "image/gif";
        }

        return string.IsNullOrWhiteSpace(picture.MimeType) ? "application/octet-stream" : picture.MimeType;
    }
}
