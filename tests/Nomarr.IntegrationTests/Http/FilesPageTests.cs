using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Nomarr.IntegrationTests.Infrastructure;
using TagLib;
using static Microsoft.Playwright.Assertions;

namespace Nomarr.IntegrationTests.Http;

/// <summary>The files part of the page in Debian's headless Chromium: tags and cover of a file, a missing file purged, failures, playlists.</summary>
[Collection(ServeTestGroup.Name)]
public sealed class FilesPageTests : IAsyncLifetime
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAD0lEQVR4nGP4z8DA8J8BAAf/Af8Bf4mnAAAAAElFTkSuQmCC");

    private readonly TempLibrary _disk = new();
    private readonly TempDatabase _database = new();
    private ServeHost _server = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        SetDefaultExpectTimeout(60_000);
        _server = await ServeHost.StartAsync(_database.Path);
        _playwright = await Playwright.CreateAsync();
        _browser = await HeadlessChromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _server.DisposeAsync();
        _database.Dispose();
        _disk.Dispose();
    }

    [Fact]
    public async Task AUserSeesAFilesTagsAndCoverPurgesAMissingFileAndSeesFailuresAndPlaylists()
    {
        _disk.AddTrack("Jazz/duo.flac", title: "Duo", artist: "Alice / Bob", album: "Pair", genre: "Jazz");
        using (var file = TagLib.File.Create(_disk.FullPath("Jazz/duo.flac")))
        {
            file.Tag.MusicBrainzReleaseId = "0b8a6e3c-5d0b-4d6e-9c3e-2f5a0c1d7e11";
            file.Tag.Pictures = [new Picture(new ByteVector(Png)) { Type = PictureType.FrontCover, MimeType = "image/png" }];
            file.Save();
        }

        _disk.AddTrack("Rock/gone.mp3", title: "Gone");
        _disk.Write("Rock/broken.mp3", [1, 2, 3]);
        _disk.Write("mix.m3u", System.Text.Encoding.UTF8.GetBytes("Jazz/duo.flac\nnowhere.mp3\n"));
        var library = await (await _server.Client.PostAsJsonAsync("/api/libraries", new { path = _disk.Root, watch = false })).Content.ReadFromJsonAsync<JsonElement>();
        var libraryId = library.GetProperty("id").GetInt64();
        await ScanAsync(libraryId);
        _disk.Delete("Rock/gone.mp3");
        await ScanAsync(libraryId);

        var page = await _browser.NewPageAsync();
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GotoAsync(_server.Address.ToString());

        var rows = page.Locator("#files tbody tr");
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(page.Locator("#failures tbody tr")).ToContainTextAsync(["Rock/broken.mp3"]);
        await Expect(page.Locator("#playlists .playlist summary")).ToContainTextAsync("mix.m3u: 2 entries, 1 unresolved");

        await page.Locator("#file-artist").FillAsync("bob");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(1);
        await rows.First.ClickAsync();
        var detail = page.Locator("#file-detail");
        await Expect(detail.Locator(".tags")).ToContainTextAsync("musicbrainz_albumid");
        await Expect(detail.Locator(".tags")).ToContainTextAsync("0b8a6e3c-5d0b-4d6e-9c3e-2f5a0c1d7e11");
        await Expect(detail.Locator(".cover")).ToBeVisibleAsync();
        await Expect(detail.Locator(".cover")).ToHaveJSPropertyAsync("naturalWidth", 2);

        await page.Locator("#file-artist").FillAsync(string.Empty);
        await page.Locator("#file-missing").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("missing since");
        await rows.First.GetByRole(AriaRole.Button, new() { Name = "Purge" }).ClickAsync();
        await Expect(page.Locator("#files-page")).ToHaveTextAsync("no files");

        var all = await _server.GetJsonAsync($"/api/files?library_id={libraryId}");
        Assert.DoesNotContain(all.GetProperty("items").EnumerateArray(), f => f.GetProperty("path").GetString() == "Rock/gone.mp3");
    }

    private async Task ScanAsync(long libraryId)
    {
        var accepted = await (await _server.Client.PostAsync(new Uri($"/api/libraries/{libraryId}/scans", UriKind.Relative), ServeHost.NoBody())).Content.ReadFromJsonAsync<JsonElement>();
        await _server.WaitForScanAsync(accepted.GetProperty("scan_id").GetInt64());
    }
}
