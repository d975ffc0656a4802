using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Scanning;
using Nomarr.IntegrationTests.Infrastructure;

namespace Nomarr.IntegrationTests.Tags;

public sealed class TagRoundTripTests : LibraryTest
{
    [Theory]
    [InlineData(".mp3", "mp3")]
    [InlineData(".flac", "flac")]
    [InlineData(".ogg", "vorbis")]
    [InlineData(".opus", "opus")]
    [InlineData(".m4a", "aac")]
    public async Task TagsWrittenByTagLibSharpAreStoredAsWritten(string extension, string codec)
    {
        var path = "Sigur Rós/Ágætis byrjun (1999)/03 - Svefn-g-englar" + extension;
        Disk.AddTrack(path, title: "Svefn-g-englar", artist: "Sigur Rós", album: "Ágætis byrjun", track: 3, year: 1999, genre: "Post-Rock");
        Disk.Retag(path, albumArtist: "Sigur Rós");
        var library = await App.Libraries.AddAsync(Disk.Root, null, false, default);

        await App.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);

        var file = Assert.Single((await App.Files.QueryAsync(new FileQuery(library.Id), default)).Items);
        Assert.Equal(path, file.Path);
        Assert.Equal("Svefn-g-englar", file.Tags.Title);
        Assert.Equal("Sigur Rós", file.Tags.Artist);
        Assert.Equal("Sigur Rós", file.Tags.AlbumArtist);
        Assert.Equal("Ágætis byrjun", file.Tags.Album);
        Assert.Equal(3, file.Tags.Track);
        Assert.Equal(1999, file.Tags.Year);
        Assert.Equal("Post-Rock", file.Tags.Genre);
        Assert.Equal(codec, file.Tags.Codec);
        // TagLibSharp estimates the duration of a short CBR MP3 from its size, so allow for that.
        Assert.InRange(file.Tags.Duration ?? 0, 0.5, 1.5);
        // MP4 containers written by ffmpeg declare two channels for mono AAC in the sample entry.
        Assert.InRange(file.Tags.Channels ?? 0, 1, 2);
        Assert.True(file.Tags.SampleRate > 0);
        Assert.Equal(new FileInfo(Disk.FullPath(path)).Length, file.Size);
        Assert.Null(file.ReadError);
    }
}
