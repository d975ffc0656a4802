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

    private async Task<LibraryFile> ScanOneAsync()
    {
        var library = await App.Libraries.AddAsync(Disk.Root, "Test", watch: false, default);
        await App.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);
        return Assert.Single((await App.Files.QueryAsync(new FileQuery(library.Id), default)).Items);
    }
}
