using System.Net.Http.Json;
using System.Text.Json;
using Nomarr.IntegrationTests.Infrastructure;
using Nomarr.IntegrationTests.Infrastructure.Postgres;

namespace Nomarr.IntegrationTests.Http;

/// <summary>`GET /api/files?artist=` through a real server lists the files of that artist alone, on both engines.</summary>
public abstract class ArtistFilterContract : IAsyncLifetime
{
    private readonly TempLibrary _disk = new();
    private ServeHost _server = null!;

    protected abstract Task<ServeHost> StartAsync();

    public async Task InitializeAsync() => _server = await StartAsync();

    public virtual async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _disk.Dispose();
    }

    [SkippableFact]
    public async Task TheArtistFilterListsThatArtistsFilesAloneIgnoringCase()
    {
        _disk.AddTrack("A/1.mp3", title: "One", artist: "Northern Part II 2107");
        _disk.AddTrack("A/2.flac", title: "Two", artist: "Élodie / Northern Part II 2107");
        _disk.AddTrack("B/3.ogg", title: "Three", artist: "Southern");
        _disk.AddTrack("B/4.mp3", title: "Four", artist: "Northern Part II");
        var library = await (await _server.Client.PostAsJsonAsync("/api/libraries", new { path = _disk.Root, watch = false })).Content.ReadFromJsonAsync<JsonElement>();
        var libraryId = library.GetProperty("id").GetInt64();
        using var scan = await _server.Client.PostAsync(new Uri($"/api/libraries/{libraryId}/scans", UriKind.Relative), ServeHost.NoBody());
        var scanId = (await scan.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("scan_id").GetInt64();
        Assert.Equal("completed", (await _server.WaitForScanAsync(scanId)).GetProperty("status").GetString());

        Assert.Equal(4, (await _server.GetJsonAsync("/api/files?limit=100")).GetProperty("total").GetInt64());
        Assert.Equal(["A/1.mp3", "A/2.flac"], await PathsAsync("/api/files?artist=northern%20part%20ii%202107"));
        Assert.Equal(["A/2.flac"], await PathsAsync("/api/files?artist=%C3%A9LODIE"));
        Assert.Equal(["A/2.flac"], await PathsAsync("/api/files?artist=Northern%20Part%20II%202107&q=two"));
        Assert.Empty(await PathsAsync("/api/files?artist=Nobody"));
    }

    private async Task<List<string>> PathsAsync(string path)
    {
        var page = await _server.GetJsonAsync(path);
        var paths = page.GetProperty("items").EnumerateArray().Select(f => f.GetProperty("path").GetString()!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(paths.Count, page.GetProperty("total").GetInt64());
        return paths;
    }
}

[Collection(ServeTestGroup.Name)]
public sealed class SqliteArtistFilterTests : ArtistFilterContract
{
    private readonly TempDatabase _database = new();

    protected override Task<ServeHost> StartAsync() => ServeHost.StartAsync(_database.Path);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _database.Dispose();
    }
}

[Collection(ServeTestGroup.Name)]
public sealed class PostgresArtistFilterTests : ArtistFilterContract
{
    private readonly FreshPostgresDatabase _database = new();
    private readonly TempDatabase _unused = new();

    protected override async Task<ServeHost> StartAsync()
    {
        await _database.InitializeAsync();
        return await ServeHost.StartAsync(_unused.Path, PostgresSettings.For(_database));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
        _unused.Dispose();
    }
}
