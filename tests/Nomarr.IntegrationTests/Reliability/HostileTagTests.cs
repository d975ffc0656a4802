using System.Text;
using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Scanning;
using Nomarr.IntegrationTests.Infrastructure;

namespace Nomarr.IntegrationTests.Reliability;

/// <summary>Tag values as a hostile or broken tagger writes them: huge, with control characters, NULs and escapes.</summary>
[Trait("Category", "Reliability")]
public sealed class HostileTagTests : LibraryTest
{
    [Fact]
    public async Task ATenMegabyteTitleIsStoredCutToSixteenKibibytesAtACharacterBoundary()
    {
        // "é" is two bytes in UTF-8: 16 KiB is not a whole number of them plus the leading "x".
        Disk.AddTrack("A/huge.mp3", title: "x" + new string('é', 5 * 1024 * 1024));

        var file = await ScanOneAsync();

        Assert.Null(file.ReadError);
        Assert.NotNull(file.Tags.Title);
        Assert.InRange(Encoding.UTF8.GetByteCount(file.Tags.Title), (16 * 1024) - 1, 16 * 1024);
        Assert.Equal(Encoding.UTF8.GetByteCount(file.Tags.Title), Encoding.UTF8.GetBytes(file.Tags.Title).Length);
        Assert.DoesNotContain('\uFFFD', file.Tags.Title);
    }

    [Fact]
    public async Task ControlCharactersAreRemovedFromTagsButTabsAndNewlinesKept()
    {
        Disk.AddTrack("A/ctl.flac", title: "Red\u001b[31m\0Alert\u0007", artist: "One\tTwo\nThree\r");

        var file = await ScanOneAsync();

        Assert.Equal("Red[31mAlert", file.Tags.Title);
        Assert.Equal("One\tTwo\nThree", file.Tags.Artist);
    }

    [Fact]
    public async Task TheCapIsASetting()
    {
        using var app = new NomarrTestHost(new Dictionary<string, string?> { ["Scanner:MaxTagValueBytes"] = "100" });
        Disk.AddTrack("A/long.ogg", title: new string('a', 500));
        var library = await app.Libraries.AddAsync(Disk.Root, "Test", watch: false, default);

        await app.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);

        var file = Assert.Single((await app.Files.QueryAsync(new FileQuery(library.Id), default)).Items);
        Assert.Equal(new string('a', 100), file.Tags.Title);
    }

    [Fact]
    public async Task InvalidUtf8InATagIsStoredAsReplacementCharactersAndTheFileIsIndexed()
    {
        FlacComments.Write(Disk.FullPath("A/bad.flac"), [
            FlacComments.Comment("TITLE", [.. "Bad"u8, 0xC3, 0x28, .. "Name"u8, 0xFF]),
            FlacComments.Comment("ALBUM", [.. "Fine"u8])]);

        var file = await ScanOneAsync();

        Assert.True(file.Valid, file.ReadError);
        Assert.Equal("Bad\uFFFD(Name\uFFFD", file.Tags.Title);
        Assert.Equal("Fine", file.Tags.Album);
        Assert.Equal(file.Tags.Title, file.Tags.All.First("title"));
    }

    [Fact]
    public async Task ANulInsideARawTagValueIsRemovedAndTheTextOnBothSidesKept()
    {
        FlacComments.Write(Disk.FullPath("A/nul.flac"), [
            FlacComments.Comment("TITLE", [.. "Before"u8, 0, .. "After"u8]),
            FlacComments.Comment("ARTIST", [.. "One"u8, 0, 0x1B, .. "[2J"u8])]);

        var file = await ScanOneAsync();

        Assert.True(file.Valid, file.ReadError);
        Assert.Equal("BeforeAfter", file.Tags.Title);
        Assert.Equal("One[2J", file.Tags.Artist);
        Assert.Equal(["One[2J"], file.Tags.Artists);
        Assert.Equal(["BeforeAfter"], file.Tags.All.All("title"));
    }

    [Fact]
    public async Task ListFieldsAreCappedAsOneFieldAndTheirValuesCleaned()
    {
        // A 10 MB artist among three, and 5,000 genres of 10 bytes: each list holds at most 16 KiB in all,
        // the value that crosses the cap cut like any other.
        // (In one file, TagLibSharp takes over 30 s to parse both: that file would end as a timeout.)
        FlacComments.Write(Disk.FullPath("A/artists.flac"), [
            FlacComments.Comment("ARTIST", "First\u0007"u8),
            FlacComments.Comment("ARTIST", Encoding.UTF8.GetBytes(new string('z', 10 * 1024 * 1024))),
            FlacComments.Comment("ARTIST", "Third"u8)]);
        FlacComments.Write(
            Disk.FullPath("A/genres.flac"),
            [.. Enumerable.Range(0, 5000).Select(i => FlacComments.Comment("GENRE", Encoding.UTF8.GetBytes($"Genre{i:00000}")))]);

        var library = await App.Libraries.AddAsync(Disk.Root, "Test", watch: false, default);
        var result = await App.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);
        var listed = (await App.Files.QueryAsync(new FileQuery(library.Id), default)).Items;
        var artists = (await App.Files.GetAsync(listed.Single(f => f.Path == "A/artists.flac").Id, default))!;
        var genres = (await App.Files.GetAsync(listed.Single(f => f.Path == "A/genres.flac").Id, default))!;

        Assert.Equal(2, result.FilesAdded);
        Assert.True(artists.Valid && genres.Valid, artists.ReadError ?? genres.ReadError);
        Assert.Equal(["First", new string('z', (16 * 1024) - "First".Length)], artists.Tags.Artists);
        Assert.Equal(artists.Tags.Artists, artists.Tags.All.All("artist"));
        Assert.Equal(1639, genres.Tags.Genres.Count);
        Assert.Equal(["Genre00000", "Genre00001"], genres.Tags.Genres.Take(2));
        Assert.Equal("Genr", genres.Tags.Genres[^1]);
        Assert.InRange(genres.Tags.All.All("genre").Sum(g => Encoding.UTF8.GetByteCount(g)), (16 * 1024) - 10, 16 * 1024);
    }

    private async Task<LibraryFile> ScanOneAsync()
    {
        var library = await App.Libraries.AddAsync(Disk.Root, "Test", watch: false, default);
        await App.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);
        return Assert.Single((await App.Files.QueryAsync(new FileQuery(library.Id), default)).Items);
    }
}
