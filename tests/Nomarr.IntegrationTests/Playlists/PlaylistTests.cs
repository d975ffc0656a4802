using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Scanning;
using Nomarr.IntegrationTests.Infrastructure;
using Nomarr.Persistence;
using Nomarr.Services.Libraries;

namespace Nomarr.IntegrationTests.Playlists;

public sealed class PlaylistTests : LibraryTest
{
    private PlaylistService Playlists => App.Services.GetRequiredService<PlaylistService>();

    [Fact]
    public async Task EntriesOfEveryStyleResolveAndKeepResolvingAfterTheFileMovesAndIsRetagged()
    {
        Disk.AddTrack("Rock/Band/01 Song One.flac", title: "Song One");
        Disk.AddTrack("Rock/Band/02 Song Two.mp3");
        Disk.AddTrack("Jazz/Élan Vital.ogg");
        Disk.AddTrack("Jazz/Case.opus");
        Disk.Write("Lists/mix.m3u8", Encoding.UTF8.GetBytes(string.Join('\n',
            "#EXTM3U",
            "#EXTINF:1,Song One",
            "../Rock/Band/01 Song One.flac",
            Disk.FullPath("Rock/Band/02 Song Two.mp3"),
            "file://" + Uri.EscapeDataString(Disk.Root).Replace("%2F", "/", StringComparison.Ordinal) + "/Jazz/%C3%89lan%20Vital.ogg",
            "..\\Jazz\\Case.opus",
            "../jazz/case.OPUS",
            "C:\\Users\\me\\Music\\Rock\\Band\\02 Song Two.mp3",
            "../Nowhere/missing.mp3")));
        Disk.Write("Lists/other.pls", Encoding.UTF8.GetBytes("[playlist]\nFile2=../Jazz/Case.opus\nTitle1=One\nFile1=../Rock/Band/01%20Song%20One.flac\nNumberOfEntries=2\n"));
        var library = await App.Libraries.AddAsync(Disk.Root, null, false, default);

        await App.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);

        var ids = (await App.Files.QueryAsync(new FileQuery(library.Id), default)).Items.ToDictionary(f => f.Path, f => f.Id);
        var mix = (await Playlists.ListAsync(library.Id, default)).Single(p => p.Path == "Lists/mix.m3u8");
        Assert.Equal(
            [
                ids["Rock/Band/01 Song One.flac"], ids["Rock/Band/02 Song Two.mp3"], ids["Jazz/Élan Vital.ogg"], ids["Jazz/Case.opus"],
                ids["Jazz/Case.opus"], ids["Rock/Band/02 Song Two.mp3"], null,
            ],
            mix.Entries.Select(e => e.FileId));
        Assert.Equal("../Rock/Band/01 Song One.flac", mix.Entries[0].Text);
        Assert.Null(mix.Entries[^1].Path);
        var other = (await Playlists.ListAsync(library.Id, default)).Single(p => p.Path == "Lists/other.pls");
        Assert.Equal([ids["Rock/Band/01 Song One.flac"], ids["Jazz/Case.opus"]], other.Entries.Select(e => e.FileId));

        // The file moves and is retagged; the playlists are untouched on disk.
        Directory.CreateDirectory(Disk.FullPath("Archive"));
        File.Move(Disk.FullPath("Rock/Band/01 Song One.flac"), Disk.FullPath("Archive/Song One.flac"));
        Disk.Retag("Archive/Song One.flac", title: "Song One (2024 remaster)");
        await App.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);

        var moved = await Playlists.GetAsync(mix.Id, default);
        Assert.NotNull(moved);
        Assert.Equal(ids["Rock/Band/01 Song One.flac"], moved.Entries[0].FileId);
        Assert.Equal("Archive/Song One.flac", moved.Entries[0].Path);
        Assert.Equal("Song One (2024 remaster)", (await App.Files.GetAsync(moved.Entries[0].FileId!.Value, default))!.Tags.Title);

        // A changed playlist file is read again.
        Disk.Write("Lists/mix.m3u8", Encoding.UTF8.GetBytes("../Archive/Song One.flac\n"));
        File.SetLastWriteTimeUtc(Disk.FullPath("Lists/mix.m3u8"), DateTime.UtcNow.AddMinutes(1));
        await App.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);

        var reread = await Playlists.GetAsync(mix.Id, default);
        Assert.Equal([(ids["Rock/Band/01 Song One.flac"], "Archive/Song One.flac")], reread!.Entries.Select(e => (e.FileId!.Value, e.Path!)));

        // A deleted playlist is forgotten.
        Disk.Delete("Lists/other.pls");
        await App.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);
        Assert.Equal(["Lists/mix.m3u8"], (await Playlists.ListAsync(library.Id, default)).Select(p => p.Path));
    }

    [Fact]
    public async Task AnEntryThatNamesNoFileIsTriedAgainWhenFilesComeNotOnEveryScanOfItsFolder()
    {
        PortCalls files = null!;
        using var app = new NomarrTestHost(services: s => files = PortCalls.Count<ILibraryFileRepository>(s));
        var playlists = app.Services.GetRequiredService<PlaylistService>();
        Disk.AddTrack("Rock/a.mp3");
        Disk.Write("Lists/mix.m3u", Encoding.UTF8.GetBytes("../Rock/a.mp3\nlater.mp3\n../Jazz/b.mp3\n"));
        var library = await app.Libraries.AddAsync(Disk.Root, null, false, default);
        await app.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);
        async Task<int> ResolvedAsync() => (await playlists.ListAsync(library.Id, default)).Single().Entries.Count(e => e.FileId is not null);
        Assert.Equal(1, await ResolvedAsync());

        // Nothing came: the scan of the playlist's folder reads only that folder's stored files.
        var streams = files["StreamKnownAsync"];
        await app.Scans.ScanAsync([new ScanTarget(library.Id, "Lists")], allowMassMissing: false, null, default);
        Assert.Equal(1, files["StreamKnownAsync"] - streams);
        Assert.Equal(1, await ResolvedAsync());

        // A file added beside the playlist resolves its entry in the same scan.
        Disk.AddTrack("Lists/later.mp3");
        await app.Scans.ScanAsync([new ScanTarget(library.Id, "Lists")], allowMassMissing: false, null, default);
        Assert.Equal(2, await ResolvedAsync());

        // One added by a scan of another folder, which does not look at the playlist, is resolved by the next full scan.
        Disk.AddTrack("Jazz/b.mp3");
        await app.Scans.ScanAsync([new ScanTarget(library.Id, "Jazz")], allowMassMissing: false, null, default);
        Assert.Equal(2, await ResolvedAsync());
        await app.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);
        Assert.Equal(3, await ResolvedAsync());
    }

    [Fact]
    public async Task TheCommandLineAndTheApiListPlaylistsWithTheirEntries()
    {
        Disk.AddTrack("A/one.flac");
        Disk.Write("A/list.m3u", Encoding.UTF8.GetBytes("one.flac\ngone.flac\n"));
        var cli = new CliRunner(App.DatabasePath);
        Assert.Equal(0, (await cli.RunAsync("scan", Disk.Root, "--json")).ExitCode);

        var listed = await cli.RunAsync("playlists", "--json");

        Assert.True(listed.ExitCode == 0, listed.Stderr);
        var playlist = Assert.Single(listed.Json().EnumerateArray());
        Assert.Equal("A/list.m3u", playlist.GetProperty("path").GetString());
        var entries = playlist.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal("A/one.flac", entries[0].GetProperty("path").GetString());
        Assert.True(entries[0].GetProperty("file_id").GetInt64() > 0);
        Assert.Equal("gone.flac", entries[1].GetProperty("text").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, entries[1].GetProperty("file_id").ValueKind);
    }
}
