using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Scanning;
using Nomarr.IntegrationTests.Infrastructure;

namespace Nomarr.IntegrationTests.Reliability;

/// <summary>Names Linux allows and a user's library may hold: not UTF-8, with newlines, leading dashes, 255 bytes, deep, NFC beside NFD.</summary>
[Trait("Category", "Reliability")]
public sealed class HostileNameTests : LibraryTest
{
    [Fact]
    public async Task ANameThatIsNotUtf8IsReportedWithItsBytesOnceAndNeverAsVanished()
    {
        Disk.AddTrack("A/good.mp3");
        // printf turns \377 into the byte 0xFF, which no UTF-8 text holds.
        Posix.Run("sh", "-c", "cp \"$1\" \"$2/$(printf 'bad\\377name.mp3')\"", "sh", TempLibrary.Fixture(".mp3"), Disk.FullPath("A"));
        var library = await App.Libraries.AddAsync(Disk.Root, "Test", watch: false, default);

        var first = await App.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);
        var second = await App.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);

        foreach (var result in new[] { first, second })
        {
            var failure = Assert.Single(result.Failures);
            Assert.Equal("unrepresentable_name", failure.Kind);
            Assert.Contains("626164ff6e616d652e6d7033", failure.Reason, StringComparison.Ordinal);
            Assert.Contains("'A'", failure.Reason, StringComparison.Ordinal);
            Assert.Equal(0, result.FilesVanished);
            Assert.Equal(0, result.FilesMissing);
        }

        Assert.Equal(1, first.FilesAdded);
        Assert.Equal(1, second.FilesUnchanged);
    }

    [Fact]
    public async Task NamesWithNewlinesLeadingDashesAnd255BytesAndDeepPathsAreIndexedAndStable()
    {
        var longName = new string('n', 251) + ".mp3";
        var deep = string.Join('/', Enumerable.Range(0, 110).Select(i => "d" + (i % 10)));
        string[] paths = ["A/line\nbreak.mp3", "A/-rf.flac", "A/--help.ogg", $"A/{longName}", $"{deep}/deep.opus"];
        foreach (var path in paths)
        {
            Disk.AddTrack(path);
        }

        var library = await App.Libraries.AddAsync(Disk.Root, "Test", watch: false, default);
        var first = await App.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);
        var second = await App.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);

        Assert.Equal(paths.Length, first.FilesAdded);
        Assert.Empty(first.Failures);
        Assert.Equal(paths.Length, second.FilesUnchanged);
        var stored = (await App.Files.QueryAsync(new FileQuery(library.Id), default)).Items.Select(f => f.Path);
        Assert.Equal(paths.Order(StringComparer.Ordinal), stored);
    }

    [Fact]
    public async Task NfcAndNfdFormsOfOneNameSideBySideAreTwoRecordsEachStable()
    {
        var nfc = "A/Caf\u00e9.mp3";
        var nfd = "A/Cafe\u0301.mp3";
        Disk.AddTrack(nfc, title: "composed");
        Disk.AddTrack(nfd, title: "decomposed");
        var library = await App.Libraries.AddAsync(Disk.Root, "Test", watch: false, default);

        await App.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);
        var again = await App.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);

        Assert.Equal(2, again.FilesUnchanged);
        Assert.Equal(0, again.FilesMissing + again.FilesAdded);
        var files = (await App.Files.QueryAsync(new FileQuery(library.Id), default)).Items;
        Assert.Equal("composed", files.Single(f => f.Path == nfc).Tags.Title);
        Assert.Equal("decomposed", files.Single(f => f.Path == nfd).Tags.Title);
    }
}
