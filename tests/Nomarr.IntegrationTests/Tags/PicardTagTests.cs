using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Scanning;
using Nomarr.IntegrationTests.Infrastructure;
using TagLib;

namespace Nomarr.IntegrationTests.Tags;

public sealed class PicardTagTests : LibraryTest
{
    private const string AlbumId = "0b8a6e3c-5d0b-4d6e-9c3e-2f5a0c1d7e11";
    private const string RecordingId = "9c7d1f42-3e1a-4b8e-8f0d-6a2b4c5d6e7f";
    private const string ArtistId = "5b11f4ce-a62d-471e-81fc-a69a8278c7da";

    public static TheoryData<string> Formats => [".mp3", ".flac", ".ogg", ".opus", ".m4a"];

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task TagsWrittenByTagLibSharpArriveUnderPicardNamesWithListsKept(string extension)
    {
        var path = "Album/01 Duet" + extension;
        Disk.AddTrack(path, album: "Duets");
        using (var file = TagLib.File.Create(Disk.FullPath(path)))
        {
            if (file.GetTag(TagTypes.Id3v2, true) is TagLib.Id3v2.Tag id3)
            {
                id3.Version = 4;
            }

            file.Tag.Performers = ["Alice", "Bob"];
            file.Tag.AlbumArtists = ["Alice"];
            file.Tag.Genres = ["Jazz", "Soul"];
            file.Tag.MusicBrainzReleaseId = AlbumId;
            file.Tag.MusicBrainzTrackId = RecordingId;
            file.Tag.MusicBrainzArtistId = ArtistId;
            file.Tag.ReplayGainTrackGain = -6.5;
            file.Tag.ReplayGainTrackPeak = 0.988;
            file.Tag.Track = 1;
            file.Tag.TrackCount = 9;
            file.Save();
        }

        var stored = await ScanSingleAsync();

        Assert.Equal(["Alice", "Bob"], stored.Tags.Artists);
        Assert.Equal(["Jazz", "Soul"], stored.Tags.Genres);
        Assert.Equal(["Alice"], stored.Tags.AlbumArtists);
        Assert.Equal(AlbumId, stored.Tags.All.First("musicbrainz_albumid"));
        Assert.Equal(RecordingId, stored.Tags.All.First("musicbrainz_recordingid"));
        Assert.Equal(ArtistId, stored.Tags.All.First("musicbrainz_artistid"));
        Assert.Contains("-6.5", stored.Tags.All.First("replaygain_track_gain"), StringComparison.Ordinal);
        Assert.Contains("0.98", stored.Tags.All.First("replaygain_track_peak"), StringComparison.Ordinal);
        Assert.Equal(1, int.Parse(stored.Tags.All.First("tracknumber")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(9, int.Parse(stored.Tags.All.First("totaltracks")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Duets", stored.Tags.All.First("album"));
    }

    [SkippableTheory]
    [MemberData(nameof(Formats))]
    public async Task TagsWrittenByMutagenAsPicardDoesArriveUnderTheirPicardNames(string extension)
    {
        Skip.IfNot(PicardWriter.IsAvailable, "python3-mutagen is not installed (scripts/install-test-deps.sh installs it)");
        var path = "Album/02 Trio" + extension;
        Disk.AddTrack(path);
        PicardWriter.Write(Disk.FullPath(path), new Dictionary<string, string[]>
        {
            ["title"] = ["Trio"],
            ["artist"] = ["Alice feat. Bob & Carol"],
            ["artists"] = ["Alice", "Bob & Carol"],
            ["genre"] = ["Jazz", "Post-Bop"],
            ["musicbrainz_albumid"] = [AlbumId],
            ["musicbrainz_recordingid"] = [RecordingId],
            ["musicbrainz_artistid"] = [ArtistId, "aaaaaaaa-1111-2222-3333-444444444444"],
            ["replaygain_track_gain"] = ["-7.20 dB"],
            ["replaygain_album_gain"] = ["-8.10 dB"],
            ["catalognumber"] = ["CAT-001"],
            ["barcode"] = ["0123456789012"],
        });

        var stored = await ScanSingleAsync();

        Assert.Equal("Trio", stored.Tags.Title);
        Assert.Equal(["Alice feat. Bob & Carol"], stored.Tags.All.All("artist"));
        Assert.Equal(["Alice", "Bob & Carol"], stored.Tags.Artists);
        Assert.Equal(["Alice", "Bob & Carol"], stored.Tags.All.All("artists"));
        Assert.Equal(["Jazz", "Post-Bop"], stored.Tags.Genres);
        Assert.Equal(AlbumId, stored.Tags.All.First("musicbrainz_albumid"));
        Assert.Equal(RecordingId, stored.Tags.All.First("musicbrainz_recordingid"));
        Assert.Equal([ArtistId, "aaaaaaaa-1111-2222-3333-444444444444"], stored.Tags.All.All("musicbrainz_artistid"));
        Assert.Equal("-7.20 dB", stored.Tags.All.First("replaygain_track_gain"));
        Assert.Equal("-8.10 dB", stored.Tags.All.First("replaygain_album_gain"));
        Assert.Equal("CAT-001", stored.Tags.All.First("catalognumber"));
        Assert.Equal("0123456789012", stored.Tags.All.First("barcode"));
    }

    [Theory]
    [InlineData(".flac")]
    [InlineData(".mp3")]
    public async Task ASingleArtistNamingTwoIsSplitButAcDcIsNot(string extension)
    {
        Disk.AddTrack("a/duo" + extension, artist: "Alice / Bob", genre: "Rock/Pop");
        Disk.AddTrack("b/band" + extension, artist: "AC/DC", genre: "Hard Rock");
        Disk.AddTrack("c/guest" + extension, artist: "Alice feat. Carol");
        var library = await App.Libraries.AddAsync(Disk.Root, null, false, default);

        await App.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);

        var files = (await App.Files.QueryAsync(new FileQuery(library.Id), default)).Items.ToDictionary(f => f.Path[..1]);
        Assert.Equal(["Alice", "Bob"], files["a"].Tags.Artists);
        Assert.Equal(["Rock", "Pop"], files["a"].Tags.Genres);
        Assert.Equal(["AC/DC"], files["b"].Tags.Artists);
        Assert.Equal(["Alice", "Carol"], files["c"].Tags.Artists);
    }

    [Fact]
    public async Task FilesAreFoundByAnyOfTheirArtistsAndGenresIgnoringCase()
    {
        Disk.AddTrack("a/duo.flac", artist: "Alice / Bob", genre: "Jazz; Soul", album: "Together");
        Disk.AddTrack("b/solo.flac", artist: "Bob", genre: "Soul", album: "Alone");
        Disk.AddTrack("c/other.flac", artist: "Carol", genre: "Jazz", album: "Elsewhere");
        var library = await App.Libraries.AddAsync(Disk.Root, null, false, default);
        await App.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);

        async Task<string[]> PathsAsync(FileQuery query) =>
            (await App.Files.QueryAsync(query, default)).Items.Select(f => f.Path).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(["a/duo.flac", "b/solo.flac"], await PathsAsync(new FileQuery(library.Id) { Artist = "BOB" }));
        Assert.Equal(["a/duo.flac", "c/other.flac"], await PathsAsync(new FileQuery(library.Id) { Genre = "jazz" }));
        Assert.Equal(["a/duo.flac"], await PathsAsync(new FileQuery(library.Id) { Artist = "bob", Genre = "jazz" }));
        Assert.Equal(["b/solo.flac"], await PathsAsync(new FileQuery(library.Id) { Album = "alone" }));
        Assert.Empty(await PathsAsync(new FileQuery(library.Id) { Artist = "Bo" }));
    }

    private async Task<LibraryFile> ScanSingleAsync()
    {
        var library = await App.Libraries.AddAsync(Disk.Root, null, false, default);
        await App.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);
        var stored = Assert.Single((await App.Files.QueryAsync(new FileQuery(library.Id), default)).Items);
        Assert.Null(stored.ReadError);
        return stored;
    }
}
