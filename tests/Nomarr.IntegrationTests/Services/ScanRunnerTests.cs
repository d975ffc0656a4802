using Nomarr.Helpers.Scanning;
using Nomarr.IntegrationTests.Infrastructure;
using Nomarr.Persistence;

namespace Nomarr.IntegrationTests.Services;

/// <summary>A scan now, as `nomarr scan` runs it, counted at the database's ports.</summary>
public sealed class ScanRunnerTests : IDisposable
{
    private readonly TempLibrary _disk = new();
    private readonly NomarrTestHost _host;
    private PortCalls _libraries = null!;
    private PortCalls _files = null!;

    public ScanRunnerTests() => _host = new NomarrTestHost(services: s =>
    {
        _libraries = PortCalls.Count<ILibraryRepository>(s);
        _files = PortCalls.Count<ILibraryFileRepository>(s);
    });

    public void Dispose()
    {
        _host.Dispose();
        _disk.Dispose();
    }

    [Fact]
    public async Task AScanNowLoadsItsLibraryAndChecksItsRootOnce()
    {
        _disk.AddTrack("A/1.mp3");
        var library = await _host.Libraries.AddAsync(_disk.Root, null, watch: false, default);

        // Once files are recorded, the root's check asks the database whether there are any.
        await _host.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);
        var (loads, checks) = (_libraries["GetAsync"], _files["HasValidAsync"]);
        var result = await _host.Scans.ScanAsync([new ScanTarget(library.Id, "A")], allowMassMissing: false, null, default);

        Assert.Equal(1, result.FilesUnchanged);
        Assert.Equal((1, 1), (_libraries["GetAsync"] - loads, _files["HasValidAsync"] - checks));
    }
}
