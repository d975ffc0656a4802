namespace Nomarr.IntegrationTests.Infrastructure;

/// <summary>A real folder of real audio files, made from the committed fixtures and deleted afterwards.</summary>
public sealed class TempLibrary : IDisposable
{
    private static readonly string FixtureFolder = Path.Combine(AppContext.BaseDirectory, "fixtures", "audio");

    /// <param name="parent">The folder to make it in (a filesystem of its own, such as /dev/shm); the temporary folder by default.</param>
    public TempLibrary(string? parent = null)
    {
        Root = Path.Combine(parent ?? Path.GetTempPath(), "nomarr-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string FullPath(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Copies the fixture of the path's format to the path, tagged as given.</summary>
    public string AddTrack(string relative, string? title = null, string? artist = null, string? album = null, uint track = 0, uint year = 0, string? genre = null)
    {
        var full = FullPath(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.Copy(Fixture(Path.GetExtension(relative)), full, overwrite: true);
        Retag(relative, title ?? Path.GetFileNameWithoutExtension(relative), artist, album, track, year, genre);
        return full;
    }

    public void Retag(string relative, string? title = null, string? artist = null, string? album = null, uint track = 0, uint year = 0, string? genre = null, string? albumArtist = null)
    {
        using var file = TagLib.File.Create(FullPath(relative));
        var tag = file.Tag;
        if (title is not null) tag.Title = title;
        if (artist is not null) tag.Performers = [artist];
        if (albumArtist is not null) tag.AlbumArtists = [albumArtist];
        if (album is not null) tag.Album = album;
        if (track > 0) tag.Track = track;
        if (year > 0) tag.Year = year;
        if (genre is not null) tag.Genres = [genre];
        file.Save();
    }

    public void Write(string relative, byte[] content)
    {
        var full = FullPath(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
    }

    public void Delete(string relative) => File.Delete(FullPath(relative));

    public static string Fixture(string extension) => Path.Combine(FixtureFolder, "tone" + extension.ToLowerInvariant());

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
