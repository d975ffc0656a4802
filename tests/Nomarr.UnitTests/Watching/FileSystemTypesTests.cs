using Nomarr.Components.Watching;
using Nomarr.Helpers.Libraries;
using Nomarr.Workflows.Watching;

namespace Nomarr.UnitTests.Watching;

/// <summary>The table of statfs magic numbers, and what auto makes of each entry.</summary>
public class FileSystemTypesTests
{
    // From linux/magic.h and statfs(2): the filesystems whose remote changes raise no inotify event.
    public static TheoryData<long, string> NetworkAndFuse() => new()
    {
        { 0x6969, "nfs" },
        { 0xFF534D42, "cifs" },
        { 0xFE534D42, "smb2" },
        { 0x517B, "smb" },
        { 0x65735546, "fuse" },
        { 0x01021997, "9p" },
        { 0x5346414F, "afs" },
        { 0x00C36400, "ceph" },
    };

    public static TheoryData<long, string> Local() => new()
    {
        { 0xEF53, "ext4" },
        { 0x01021994, "tmpfs" },
        { 0x9123683E, "btrfs" },
        { 0x58465342, "xfs" },
        { 0x2FC12FC1, "zfs" },
        { 0x794C7630, "overlay" },
    };

    [Theory]
    [MemberData(nameof(NetworkAndFuse))]
    public void AutoPollsANetworkOrFuseFilesystem(long magic, string name)
    {
        var type = FileSystemTypes.FromMagic(magic);
        var choice = WatchModeChooser.Choose(WatchMode.Auto, "/mnt/nas", type);

        Assert.Equal(name, type.Name);
        Assert.True(type.MissesRemoteChanges);
        Assert.Equal(WatchMode.Poll, choice.Mode);
        Assert.Contains("/mnt/nas is on " + name, choice.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Local))]
    public void AutoUsesInotifyOnALocalFilesystem(long magic, string name)
    {
        var choice = WatchModeChooser.Choose(WatchMode.Auto, "/music", FileSystemTypes.FromMagic(magic));

        Assert.Equal(WatchMode.Inotify, choice.Mode);
        Assert.Contains("/music is on " + name, choice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryTypeOfTheTableIsChosenAsItsEntrySays()
    {
        foreach (var type in FileSystemTypes.All)
        {
            var expected = type.MissesRemoteChanges ? WatchMode.Poll : WatchMode.Inotify;
            Assert.Equal(expected, WatchModeChooser.Choose(WatchMode.Auto, "/r", FileSystemTypes.FromMagic(type.Magic)).Mode);
        }
    }

    [Fact]
    public void TheTableHasEachMagicNumberAndNameOnce()
    {
        Assert.Equal(FileSystemTypes.All.Count, FileSystemTypes.All.Select(t => t.Magic).Distinct().Count());
        Assert.Equal(FileSystemTypes.All.Count, FileSystemTypes.All.Select(t => t.Name).Distinct().Count());
        Assert.All(FileSystemTypes.All, t => Assert.InRange(t.Magic, 1, 0xFFFFFFFF));
    }

    [Fact]
    public void ASignExtendedMagicNumberIsStillRecognised() =>
        Assert.Equal("cifs", FileSystemTypes.FromMagic(unchecked((int)0xFF534D42)).Name);

    [Fact]
    public void AnUnknownFilesystemIsNamedByItsNumberAndTakenAsLocal()
    {
        var type = FileSystemTypes.FromMagic(0x12345678);

        Assert.Equal("0x12345678", type.Name);
        Assert.Equal(WatchMode.Inotify, WatchModeChooser.Choose(WatchMode.Auto, "/r", type).Mode);
    }

    [Fact]
    public void AnUnreadableFilesystemIsWatchedWithInotifyAndSaysSo()
    {
        var choice = WatchModeChooser.Choose(WatchMode.Auto, "/r", null);

        Assert.Equal(WatchMode.Inotify, choice.Mode);
        Assert.Contains("could not be read", choice.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(WatchMode.Poll)]
    [InlineData(WatchMode.Inotify)]
    [InlineData(WatchMode.Off)]
    public void AModeSetForTheLibraryIsKeptWhateverTheFilesystem(WatchMode mode)
    {
        Assert.Equal(mode, WatchModeChooser.Choose(mode, "/r", FileSystemTypes.FromMagic(0x6969)).Mode);
        Assert.Equal(mode, WatchModeChooser.Choose(mode, "/r", FileSystemTypes.FromMagic(0xEF53)).Mode);
    }
}
