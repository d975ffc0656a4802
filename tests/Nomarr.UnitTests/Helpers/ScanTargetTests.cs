using Nomarr.Helpers.Paths;
using Nomarr.Helpers.Scanning;

namespace Nomarr.UnitTests.Helpers;

public class ScanTargetTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData(null, "")]
    [InlineData("/", "")]
    [InlineData("Rock", "Rock")]
    [InlineData("/Rock/Beatles/", "Rock/Beatles")]
    [InlineData("Rock//Beatles", "Rock/Beatles")]
    [InlineData("./Rock/./Beatles", "Rock/Beatles")]
    [InlineData("Rock/Beatles/../Stones", "Rock/Stones")]
    [InlineData("Rock/..", "")]
    public void FolderPathIsNormalizedToPosixFormRelativeToTheRoot(string? input, string expected) =>
        Assert.Equal(expected, new ScanTarget(1, input).FolderPath);

    [Theory]
    [InlineData("..")]
    [InlineData("../Music")]
    [InlineData("Rock/../../etc")]
    [InlineData("C:/Music")]
    [InlineData("~/Music")]
    [InlineData("Rock\0Beatles")]
    public void PathsThatEscapeTheRootOrAreAbsoluteAreRefused(string input)
    {
        var error = Assert.Throws<InvalidScanPathException>(() => new ScanTarget(1, input));
        Assert.Contains("not allowed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyFolderMeansTheWholeLibrary() => Assert.True(new ScanTarget(7).IsWholeLibrary);

    [Fact]
    public void TargetsWithTheSameNormalizedFolderAreEqual() =>
        Assert.Equal(new ScanTarget(1, "/Rock/"), new ScanTarget(1, "Rock"));

    [Fact]
    public void ABackslashIsAnOrdinaryCharacterInALinuxFileName() =>
        Assert.Equal("AC\\DC", new ScanTarget(1, "AC\\DC").FolderPath);
}
