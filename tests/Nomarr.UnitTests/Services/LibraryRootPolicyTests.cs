using Nomarr.Components.FileSystems;
using Nomarr.Services.Libraries;

namespace Nomarr.UnitTests.Services;

public sealed class LibraryRootPolicyTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/etc")]
    [InlineData("/etc/")]
    [InlineData("/usr/share/music")]
    [InlineData("/var/lib/docker/volumes/x")]
    [InlineData("/lib64")]
    [InlineData("/tmp/../etc")]
    public void SystemFoldersAreRefused(string path) =>
        Assert.Equal("it is a system folder", LibraryRootPolicy.RefusalOf(path, LibraryRootRules.Default));

    [Theory]
    [InlineData("/srv/music")]
    [InlineData("/home/someone/Music")]
    [InlineData("/var/music")]
    [InlineData("/etcetera")]
    [InlineData("/library")]
    public void OtherFoldersAreAllowed(string path) => Assert.Null(LibraryRootPolicy.RefusalOf(path, LibraryRootRules.Default));

    [Fact]
    public void ForceAllowsSystemFoldersButNotFoldersOutsideTheAllowedRoots()
    {
        Assert.Null(LibraryRootPolicy.RefusalOf("/etc", LibraryRootRules.Forced));
        Assert.NotNull(LibraryRootPolicy.RefusalOf("/etc", LibraryRootRules.Forced with { AllowedRoots = ["/srv"] }));
        Assert.Null(LibraryRootPolicy.RefusalOf("/srv/music/rock", LibraryRootRules.Default with { AllowedRoots = ["/srv/music"] }));
        Assert.NotNull(LibraryRootPolicy.RefusalOf("/srv/musical", LibraryRootRules.Default with { AllowedRoots = ["/srv/music"] }));
        Assert.Null(LibraryRootPolicy.RefusalOf("/srv/anything", LibraryRootRules.Default with { AllowedRoots = ["/"] }));
    }

    [Fact]
    public void ThePseudoFileSystemsAreToldApartByStatfs()
    {
        Assert.Equal("proc", FileSystemProbe.PseudoFileSystem("/proc/self"));
        Assert.Equal("proc", FileSystemProbe.PseudoFileSystem("/proc/self/not-there"));
        Assert.Null(FileSystemProbe.PseudoFileSystem(Path.GetTempPath()));
        if (Directory.Exists("/sys/kernel"))
        {
            Assert.Equal("sysfs", FileSystemProbe.PseudoFileSystem("/sys/kernel"));
        }
    }

    [Fact]
    public void ResolvingFollowsLinksAboveAPathThatDoesNotExist()
    {
        var folder = Directory.CreateTempSubdirectory("nomarr-resolve-").FullName;
        try
        {
            Directory.CreateSymbolicLink(Path.Combine(folder, "link"), "/etc");

            Assert.Equal("/etc/not-there/deeper", FileSystemProbe.Resolve(Path.Combine(folder, "link", "not-there", "deeper")));
            Assert.Equal("it is a system folder", LibraryRootPolicy.RefusalOf(Path.Combine(folder, "link", "x"), LibraryRootRules.Default));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
