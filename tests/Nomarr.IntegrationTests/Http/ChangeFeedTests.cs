using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Nomarr.IntegrationTests.Infrastructure;

namespace Nomarr.IntegrationTests.Http;

[Collection(ServeTestGroup.Name)]
public sealed class ChangeFeedTests : IAsyncLifetime
{
    private readonly TempLibrary _disk = new();
    private readonly TempDatabase _database = new();
    private ServeHost _server = null!;

    private HttpClient Client => _server.Client;

    public async Task InitializeAsync() => _server = await ServeHost.StartAsync(_database.Path);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _database.Dispose();
        _disk.Dispose();
    }

    [Fact]
    public async Task AConsumerFollowingTheFeedFromZeroEndsWithExactlyTheListedFiles()
    {
        var consumer = new Dictionary<long, (string Path, bool Missing)>();
        long cursor = 0;
        var kinds = new List<string>();

        async Task FollowAsync()
        {
            while (true)
            {
                // Small pages, so that the cursor carries the reader across several.
                var page = await _server.GetJsonAsync($"/api/changes?since={cursor}&limit=2");
                var changes = page.GetProperty("changes").EnumerateArray().ToList();
                foreach (var change in changes)
                {
                    var seq = change.GetProperty("seq").GetInt64();
                    Assert.True(seq > cursor);
                    cursor = seq;
                    var id = change.GetProperty("file_id").GetInt64();
                    var path = change.GetProperty("path").GetString()!;
                    var kind = change.GetProperty("kind").GetString()!;
                    kinds.Add(kind);
                    switch (kind)
                    {
                        case "added" or "updated" or "restored":
                            consumer[id] = (path, false);
                            break;
                        case "moved":
                            Assert.Equal(consumer[id].Path, change.GetProperty("old_path").GetString());
                            consumer[id] = (path, false);
                            break;
                        case "missing":
                            consumer[id] = (path, true);
                            break;
                        case "purged":
                            Assert.True(consumer.Remove(id));
                            break;
                        default:
                            Assert.Fail("unknown kind " + kind);
                            break;
                    }
                }

                Assert.Equal(cursor, page.GetProperty("next_since").GetInt64());
                if (changes.Count == 0)
                {
                    return;
                }
            }
        }

        async Task AssertSameAsListingAsync()
        {
            await FollowAsync();
            var listed = (await _server.GetJsonAsync("/api/files?limit=1000")).GetProperty("items").EnumerateArray()
                .ToDictionary(f => f.GetProperty("id").GetInt64(), f => (f.GetProperty("path").GetString()!, f.GetProperty("missing_since").ValueKind != JsonValueKind.Null));
            Assert.Equal(listed.OrderBy(kv => kv.Key), consumer.OrderBy(kv => kv.Key));
        }

        _disk.AddTrack("A/one.flac", title: "One");
        _disk.AddTrack("A/two.mp3", title: "Two");
        _disk.AddTrack("B/three.ogg", title: "Three");
        var library = await (await Client.PostAsJsonAsync("/api/libraries", new { path = _disk.Root, watch = false })).Content.ReadFromJsonAsync<JsonElement>();
        var libraryId = library.GetProperty("id").GetInt64();
        await ScanAsync(libraryId);
        await AssertSameAsListingAsync();

        // A retag, a move, a deletion and a new file, seen by one scan.
        _disk.Retag("A/one.flac", title: "One (remastered)");
        File.SetLastWriteTimeUtc(_disk.FullPath("A/one.flac"), DateTime.UtcNow.AddMinutes(1));
        Directory.CreateDirectory(_disk.FullPath("C"));
        File.Move(_disk.FullPath("B/three.ogg"), _disk.FullPath("C/three.ogg"));
        _disk.Delete("A/two.mp3");
        _disk.AddTrack("B/four.opus", title: "Four");
        await ScanAsync(libraryId);
        await AssertSameAsListingAsync();
        Assert.Contains("updated", kinds);
        Assert.Contains("moved", kinds);
        Assert.Contains("missing", kinds);

        // The missing file comes back, goes again, and is purged.
        _disk.AddTrack("A/two.mp3", title: "Two");
        await ScanAsync(libraryId);
        await AssertSameAsListingAsync();
        Assert.Contains("restored", kinds);
        _disk.Delete("A/two.mp3");
        await ScanAsync(libraryId);
        var missing = (await _server.GetJsonAsync($"/api/files?library_id={libraryId}&missing=true")).GetProperty("items")[0].GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync(new Uri($"/api/files/{missing}", UriKind.Relative))).StatusCode);
        await AssertSameAsListingAsync();
        Assert.Equal("purged", kinds[^1]);
        Assert.Equal(3, consumer.Count);
    }

    [Fact]
    public async Task EachWrittenBatchSendsAFilesChangedEventWithItsSequenceNumbers()
    {
        _disk.AddTrack("A/one.flac");
        _disk.AddTrack("A/two.flac");
        var library = await (await Client.PostAsJsonAsync("/api/libraries", new { path = _disk.Root, watch = false })).Content.ReadFromJsonAsync<JsonElement>();
        var libraryId = library.GetProperty("id").GetInt64();
        using var response = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/events"), HttpCompletionOption.ResponseHeadersRead);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
        await using var events = SseParser.Create(stream).EnumerateAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);
        Assert.True(await events.MoveNextAsync());

        await ScanAsync(libraryId);

        while (await events.MoveNextAsync() && events.Current.EventType != "files_changed")
        {
        }

        var data = JsonDocument.Parse(events.Current.Data).RootElement;
        Assert.Equal(libraryId, data.GetProperty("library_id").GetInt64());
        var first = data.GetProperty("first_seq").GetInt64();
        var last = data.GetProperty("last_seq").GetInt64();
        var feed = await _server.GetJsonAsync($"/api/changes?since={first - 1}&limit={last - first + 1}");
        Assert.Equal(["A/one.flac", "A/two.flac"], feed.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("path").GetString()).Order(StringComparer.Ordinal));
        Assert.All(feed.GetProperty("changes").EnumerateArray(), c => Assert.Equal("added", c.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task ACursorOlderThanTheRetainedLogGets410WithTheAdviceToReReadAllFiles()
    {
        _disk.AddTrack("A/one.flac");
        var library = await (await Client.PostAsJsonAsync("/api/libraries", new { path = _disk.Root, watch = false })).Content.ReadFromJsonAsync<JsonElement>();
        await ScanAsync(library.GetProperty("id").GetInt64());
        await using (var connection = new SqliteConnection($"Data Source={_database.Path}"))
        {
            await connection.OpenAsync();
            await using var age = connection.CreateCommand();
            age.CommandText = "UPDATE file_changes SET changed_at = '2001-01-01T00:00:00.0000000Z';";
            await age.ExecuteNonQueryAsync();
        }

        _disk.AddTrack("A/two.flac");
        await ScanAsync(library.GetProperty("id").GetInt64());

        using var expired = await Client.GetAsync(new Uri("/api/changes?since=0", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("Re-read all files", (await expired.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);

        // A reader that was up to date before the prune loses nothing: it reads on.
        var current = await _server.GetJsonAsync("/api/changes?since=1");
        Assert.Equal("A/two.flac", Assert.Single(current.GetProperty("changes").EnumerateArray()).GetProperty("path").GetString());
    }

    private async Task ScanAsync(long libraryId)
    {
        var accepted = await (await Client.PostAsync(new Uri($"/api/libraries/{libraryId}/scans", UriKind.Relative), ServeHost.NoBody())).Content.ReadFromJsonAsync<JsonElement>();
        var run = await _server.WaitForScanAsync(accepted.GetProperty("scan_id").GetInt64());
        Assert.Equal("completed", run.GetProperty("status").GetString());
    }
}
