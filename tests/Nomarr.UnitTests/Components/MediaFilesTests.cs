using Nomarr.Components.Walking;

namespace Nomarr.UnitTests.Components;

public class MediaFilesTests
{
    [Theory]
    [InlineData("01 - Song.mp3")]
    [InlineData("01 - Song.FLAC")]
    [InlineData("a.opus")]
    [InlineData("a.m4a")]
    [InlineData("a.dsf")]
    public void AudioExtensionsAreRecognisedWhateverTheirCase(string name) => Assert.True(MediaFiles.IsAudio(name));

    [Theory]
    [InlineData("cover.jpg")]
    [InlineData("playlist.m3u")]
    [InlineData("notes.txt")]
    [InlineData("mp3")]
    public void OtherFilesAreNotAudio(string name) => Assert.False(MediaFiles.IsAudio(name));

    [Theory]
    [InlineData(".DS_Store")]
    [InlineData(".hidden.mp3")]
    [InlineData("Thumbs.db")]
    [InlineData("song.mp3.part")]
    [InlineData("song.crdownload")]
    [InlineData("song.mp3~")]
    [InlineData("x.tmp")]
    [InlineData("desktop.ini")]
    public void HiddenTemporaryAndSystemNamesAreIgnored(string name) => Assert.True(MediaFiles.IsIgnoredName(name));

    [Fact]
    public void OrdinaryNamesAreNotIgnored() => Assert.False(MediaFiles.IsIgnoredName("01 - Help!.mp3"));

    [Theory]
    [InlineData("list.m3u")]
    [InlineData("list.M3U8")]
    [InlineData("radio.pls")]
    [InlineData("cover.jpg")]
    [InlineData("folder.JPEG")]
    [InlineData("back.png")]
    [InlineData("anim.gif")]
    [InlineData("art.webp")]
    [InlineData("01.flac")]
    public void AudioPlaylistsAndImagesAreMedia(string name) => Assert.True(MediaFiles.IsMedia(name));

    [Theory]
    [InlineData("notes.txt")]
    [InlineData("album.nfo")]
    [InlineData("rip.log")]
    public void OtherFilesAreNotMedia(string name) => Assert.False(MediaFiles.IsMedia(name));

    [Theory]
    [InlineData(".git/objects/ab")]
    [InlineData("Rock/@eaDir/cover.jpg")]
    [InlineData("Rock/.hidden/01.mp3")]
    [InlineData("Rock/01.mp3.part")]
    public void APathIsIgnoredWhenAnyOfItsSegmentsIs(string path) => Assert.True(MediaFiles.IsIgnoredPath(path));

    [Fact]
    public void AnOrdinaryPathIsNotIgnored() => Assert.False(MediaFiles.IsIgnoredPath("Rock/Beatles/01 - Help!.mp3"));

    [Fact]
    public void TheRootIsNotIgnored() => Assert.False(MediaFiles.IsIgnoredPath(""));
}
