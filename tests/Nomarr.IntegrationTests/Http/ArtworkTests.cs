using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Nomarr.IntegrationTests.Infrastructure;
using TagLib;

namespace Nomarr.IntegrationTests.Http;

[Collection(ServeTestGroup.Name)]
public sealed class ArtworkTests : IAsyncLifetime
{
    // A 2 x 1 PNG and the start of a 3 x 2 baseline JPEG: real headers, which is all the size reader needs.
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAD0lEQVR4nGP4z8DA8J8BAAf/Af8Bf4mnAAAAAElFTkSuQmCC");
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x02, 0x00, 0x03, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xFF, 0xD9];

    private readonly TempLibrary _disk = new();
    private readonly TempDatabase _database = new();
    private ServeHost _server = null!;

    public async Task InitializeAsync() => _server = await ServeHost.StartAsync(_database.Path);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _database.Dispose();
        _disk.Dispose();
    }

    [Fact]
    public async Task AnEmbeddedCoverAndAFolderCoverAreRecordedAndServed()
    {
        _disk.AddTrack("Embedded/01.flac");
        using (var file = TagLib.File.Create(_disk.FullPath("Embedded/01.flac")))
        {
            file.Tag.Pictures = [new Picture(new ByteVector(Png)) { Type = PictureType.FrontCover, MimeType = "image/png" }];
            file.Save();
        }

        _disk.AddTrack("Folder/CD1/01.mp3");
        _disk.Write("Folder/cover.jpg", Jpeg);
        _disk.AddTrack("None/01.ogg");
        var library = await (await _server.Client.PostAsJsonAsync("/api/libraries", new { path = _disk.Root, watch = false })).Content.ReadFromJsonAsync<JsonElement>();
        var accepted = await (await _server.Client.PostAsync(new Uri($"/api/libraries/{library.GetProperty("id").GetInt64()}/scans", UriKind.Relative), ServeHost.NoBody()))
            .Content.ReadFromJsonAsync<JsonElement>();
        await _server.WaitForScanAsync(accepted.GetProperty("scan_id").GetInt64());
        var ids = (await _server.GetJsonAsync("/api/files")).GetProperty("items").EnumerateArray()
            .ToDictionary(f => f.GetProperty("path").GetString()!, f => f.GetProperty("id").GetInt64());

        var embedded = await _server.GetJsonAsync($"/api/files/{ids["Embedded/01.flac"]}");
        var picture = Assert.Single(embedded.GetProperty("pictures").EnumerateArray());
        var hash = Convert.ToHexStringLower(SHA256.HashData(Png));
        Assert.Equal("front_cover", picture.GetProperty("type").GetString());
        Assert.Equal("image/png", picture.GetProperty("mime_type").GetString());
        Assert.Equal(Png.Length, picture.GetProperty("size").GetInt64());
        Assert.Equal(2, picture.GetProperty("width").GetInt32());
        Assert.Equal(1, picture.GetProperty("height").GetInt32());
        Assert.Equal(hash, picture.GetProperty("hash").GetString());

        using var art = await _server.Client.GetAsync(new Uri($"/api/files/{ids["Embedded/01.flac"]}/art", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, art.StatusCode);
        Assert.Equal("image/png", art.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Png, await art.Content.ReadAsByteArrayAsync());
        Assert.Equal($"\"{hash}\"", art.Headers.ETag?.Tag);

        using var again = new HttpRequestMessage(HttpMethod.Get, $"/api/files/{ids["Embedded/01.flac"]}/art");
        again.Headers.IfNoneMatch.Add(art.Headers.ETag!);
        using var notModified = await _server.Client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        using var folder = await _server.Client.GetAsync(new Uri($"/api/files/{ids["Folder/CD1/01.mp3"]}/art", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, folder.StatusCode);
        Assert.Equal("image/jpeg", folder.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Jpeg, await folder.Content.ReadAsByteArrayAsync());

        using var none = await _server.Client.GetAsync(new Uri($"/api/files/{ids["None/01.ogg"]}/art", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
    }
}
