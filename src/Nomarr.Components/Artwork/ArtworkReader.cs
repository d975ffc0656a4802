using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Nomarr.Components.Tags;

namespace Nomarr.Components.Artwork;

/// <summary>
/// Finds the cover of an audio file: its embedded front cover (else its first picture), else an
/// image in its folder named cover, folder, front or album (any case; .jpg, .jpeg, .png, .gif, .webp),
/// else the same in the parent folder when the file sits in a disc folder ("CD1", "Disc 2").
/// Images larger than <see cref="MaxBytes"/> are not served.
/// </summary>
public sealed partial class ArtworkReader
{
    public const int MaxBytes = 16 * 1024 * 1024;

    private static readonly string[] Names = ["cover", "folder", "front", "album"];
    private static readonly Dictionary<string, string> ImageTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".jpg"] = "image/jpeg", [".jpeg"] = "image/jpeg", [".png"] = "image/png", [".gif"] = "image/gif", [".webp"] = "image/webp",
    };

    public Artwork? Read(string fullPath)
    {
        return Embedded(fullPath) ?? FolderImage(Path.GetDirectoryName(fullPath)!, allowParent: true);
    }

    private static Artwork? Embedded(string fullPath)
    {
        try
        {
            using var file = TagLib.File.Create(new TagLib.File.LocalFileAbstraction(fullPath), TagLib.ReadStyle.None);
            return EmbeddedPictures.Front(file) is { } front && front.Data.Length <= MaxBytes
                ? new Artwork(front.Data, front.MimeType, Hash(front.Data), ArtworkSource.Embedded)
                : null;
        }
#pragma warning disable CA1031 // An unreadable or damaged file simply has no embedded cover to serve.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    private static Artwork? FolderImage(string folder, bool allowParent)
    {
        if (!Directory.Exists(folder))
        {
            return null;
        }

        var images = Directory.EnumerateFiles(folder)
            .Select(path => (Path: path, Name: Path.GetFileNameWithoutExtension(path), Type: ImageTypes.GetValueOrDefault(Path.GetExtension(path))))
            .Where(i => i.Type is not null && Array.FindIndex(Names, n => string.Equals(n, i.Name, StringComparison.OrdinalIgnoreCase)) >= 0)
            .OrderBy(i => Array.FindIndex(Names, n => string.Equals(n, i.Name, StringComparison.OrdinalIgnoreCase)))
            .ThenBy(i => i.Path, StringComparer.Ordinal)
            .ToList();
        foreach (var image in images)
        {
            var info = new FileInfo(image.Path);
            if (info.Length is > 0 and <= MaxBytes)
            {
                var data = File.ReadAllBytes(image.Path);
                return new Artwork(data, image.Type!, Hash(data), ArtworkSource.Folder);
            }
        }

        return allowParent && DiscFolder().IsMatch(Path.GetFileName(folder)) && Path.GetDirectoryName(folder) is { } parent
            ? FolderImage(parent, allowParent: false)
            : null;
    }

    private static string Hash(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    [GeneratedRegex(@"^(cd|disc|disk|dvd)[\s._-]*\d+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DiscFolder();
}
