using Nomarr.Helpers.Scanning;

namespace Nomarr.UnitTests.Helpers;

public class ScanScopeTests
{
    [Fact]
    public void NestedTargetsAreDeDuplicatedSoAParentCoversItsChildren()
    {
        var scope = ScanScope.From([new ScanTarget(1, "Rock/Beatles"), new ScanTarget(1, "Rock"), new ScanTarget(1, "Jazz"), new ScanTarget(1, "Rock/Beatles/Help")]);
        Assert.Equal(["Jazz", "Rock"], scope.Folders);
        Assert.False(scope.IsFull);
    }

    [Fact]
    public void AFolderWhoseNameMerelyStartsWithAnotherIsNotItsChild()
    {
        var scope = ScanScope.From([new ScanTarget(1, "Rock"), new ScanTarget(1, "Rock Live"), new ScanTarget(1, "Rock/Beatles"), new ScanTarget(1, "Rockabilly")]);
        Assert.Equal(["Rock", "Rock Live", "Rockabilly"], scope.Folders);
    }

    [Fact]
    public void TheWholeLibraryCoversEveryOtherTarget()
    {
        var scope = ScanScope.From([new ScanTarget(3, "Rock"), new ScanTarget(3, "")]);
        Assert.True(scope.IsFull);
        Assert.Equal([""], scope.Folders);
    }

    [Fact]
    public void TargetsOfSeveralLibrariesAreRefused() =>
        Assert.Throws<ArgumentException>(() => ScanScope.From([new ScanTarget(1, "Rock"), new ScanTarget(2, "Rock")]));

    [Fact]
    public void NoTargetsAreRefused() => Assert.Throws<ArgumentException>(() => ScanScope.From([]));

    [Theory]
    [InlineData("Rock/Beatles/01.mp3", true)]
    [InlineData("Rock/01.mp3", true)]
    [InlineData("Rockabilly/01.mp3", false)]
    [InlineData("Jazz/01.mp3", false)]
    public void ContainsOnlyPathsUnderItsFolders(string path, bool expected) =>
        Assert.Equal(expected, ScanScope.From([new ScanTarget(1, "Rock")]).Contains(path));
}
