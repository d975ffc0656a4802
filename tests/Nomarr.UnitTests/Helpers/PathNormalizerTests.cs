using Nomarr.Helpers.Paths;

namespace Nomarr.UnitTests.Helpers;

public class PathNormalizerTests
{
    [Fact]
    public void AnAbsolutePathUnderTheRootBecomesRelative() =>
        Assert.Equal("Rock/Beatles/01 - Help.mp3", PathNormalizer.RelativeToRoot("/music", "/music/Rock/Beatles/01 - Help.mp3"));

    [Theory]
    [InlineData("/music2/Rock")]
    [InlineData("/etc/passwd")]
    [InlineData("/music/../etc")]
    public void AnAbsolutePathOutsideTheRootIsRefused(string path) =>
        Assert.Throws<InvalidScanPathException>(() => PathNormalizer.RelativeToRoot("/music", path));

    [Fact]
    public void AStoredPathMapsBackUnderTheRoot() =>
        Assert.Equal(Path.Combine("/music", "Rock", "a.mp3"), PathNormalizer.ToFullPath("/music", "Rock/a.mp3"));

    [Theory]
    [InlineData("Rock/a.mp3", "Rock")]
    [InlineData("a.mp3", "")]
    [InlineData("Rock/Beatles/a.mp3", "Rock/Beatles")]
    public void TheParentOfAStoredPathIsItsFolder(string path, string parent) => Assert.Equal(parent, PathNormalizer.ParentOf(path));
}
