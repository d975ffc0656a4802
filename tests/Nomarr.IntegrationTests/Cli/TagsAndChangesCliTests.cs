using Nomarr.IntegrationTests.Infrastructure;

namespace Nomarr.IntegrationTests.Cli;

public sealed class TagsAndChangesCliTests : IDisposable
{
    private readonly TempLibrary _disk = new();
    private readonly TempDatabase _database = new();
    private readonly CliRunner _cli;

    public TagsAndChangesCliTests() => _cli = new CliRunner(_database.Path);

    public void Dispose()
    {
        _disk.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task FilesAreFilteredByArtistAndGenreAndPrintTheirFullTagsAndTheChangesFollow()
    {
        _disk.AddTrack("a/duo.flac", artist: "Alice / Bob", genre: "Jazz", album: "Pair", year: 2001);
        _disk.AddTrack("b/solo.mp3", artist: "Carol", genre: "Soul", album: "Alone", year: 2002);
        Assert.Equal(0, (await _cli.RunAsync("scan", _disk.Root, "--json")).ExitCode);

        var byArtist = await _cli.RunAsync("files", "--artist", "bob", "--json");
        Assert.True(byArtist.ExitCode == 0, byArtist.Stderr);
        var duo = Assert.Single(byArtist.Json().EnumerateArray());
        Assert.Equal("a/duo.flac", duo.GetProperty("path").GetString());
        Assert.Equal(["Alice", "Bob"], duo.GetProperty("artists").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("Alice / Bob", duo.GetProperty("tags").GetProperty("artist")[0].GetString());
        Assert.Equal("Pair", duo.GetProperty("tags").GetProperty("album")[0].GetString());

        Assert.Equal("b/solo.mp3", Assert.Single((await _cli.RunAsync("files", "--genre", "SOUL", "--json")).Json().EnumerateArray()).GetProperty("path").GetString());
        Assert.Equal("b/solo.mp3", Assert.Single((await _cli.RunAsync("files", "--format", "mp3", "--year", "2002", "--json")).Json().EnumerateArray()).GetProperty("path").GetString());

        var changes = await _cli.RunAsync("changes", "--json");
        Assert.True(changes.ExitCode == 0, changes.Stderr);
        var feed = changes.Json();
        Assert.Equal(["a/duo.flac", "b/solo.mp3"], feed.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("path").GetString()).Order(StringComparer.Ordinal));
        var next = feed.GetProperty("next_since").GetInt64();

        _disk.Delete("b/solo.mp3");
        Assert.Equal(0, (await _cli.RunAsync("scan", _disk.Root, "--json")).ExitCode);
        var after = (await _cli.RunAsync("changes", "--since", next.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json")).Json();
        var missing = Assert.Single(after.GetProperty("changes").EnumerateArray());
        Assert.Equal("missing", missing.GetProperty("kind").GetString());
        Assert.Equal("b/solo.mp3", missing.GetProperty("path").GetString());
    }
}
