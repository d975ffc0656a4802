using System.Diagnostics;
using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Scanning;
using Nomarr.IntegrationTests.Infrastructure;

namespace Nomarr.IntegrationTests.Scanning;

public sealed class FingerprintTests : IDisposable
{
    private readonly TempLibrary _disk = new();

    public void Dispose() => _disk.Dispose();

    [SkippableFact]
    public async Task ALosslessConversionThatIsMovedIsRecognisedByItsFingerprint()
    {
        Skip.IfNot(FpcalcIsInstalled(), "fpcalc (libchromaprint-tools) is not installed");
        using var host = new NomarrTestHost(new Dictionary<string, string?> { ["Scanner:Fingerprints"] = "true" });
        var (library, before, first) = await ScanWavAsync(host);

        var result = await ConvertToAiffAndScanAsync(host, library);

        Assert.Equal("on", first.Fingerprints);
        Assert.NotEqual(0, first.FilesAdded);
        Assert.Equal(1, result.FilesMoved);
        Assert.Equal(0, result.FilesAdded);
        Assert.Equal(0, result.FilesMissing);
        Assert.Equal(before.Id, Assert.Single(await AllFilesAsync(host, library)).Id);
    }

    [Fact]
    public async Task WithoutFingerprintsALosslessConversionIsANewFile()
    {
        using var host = new NomarrTestHost();
        var (library, before, first) = await ScanWavAsync(host);

        var result = await ConvertToAiffAndScanAsync(host, library);

        Assert.Equal("off", first.Fingerprints);
        Assert.Equal(0, result.FilesMoved);
        Assert.Equal(1, result.FilesAdded);
        Assert.Equal(1, result.FilesMissing);
        Assert.False((await AllFilesAsync(host, library)).Single(f => f.Id == before.Id).Valid);
    }

    [Fact]
    public async Task WithoutFpcalcTheScanWorksAndSaysFingerprintsAreUnavailable()
    {
        using var host = new NomarrTestHost(new Dictionary<string, string?>
        {
            ["Scanner:Fingerprints"] = "true",
            ["Scanner:FpcalcPath"] = "/nonexistent/fpcalc",
        });

        var (_, _, result) = await ScanWavAsync(host);

        Assert.Equal("unavailable", result.Fingerprints);
        Assert.Equal(1, result.FilesAdded);
    }

    private async Task<(Library Library, LibraryFile File, Nomarr.Helpers.Scanning.ScanResult Result)> ScanWavAsync(NomarrTestHost host)
    {
        _disk.Write("Old/take.wav", PcmFiles.Wav());
        var library = await host.Libraries.AddAsync(_disk.Root, "Test", watch: false, default);
        var result = await host.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);
        return (library, Assert.Single(await AllFilesAsync(host, library)), result);
    }

    private async Task<Nomarr.Helpers.Scanning.ScanResult> ConvertToAiffAndScanAsync(NomarrTestHost host, Library library)
    {
        _disk.Write("New/take.aiff", PcmFiles.Aiff());
        _disk.Delete("Old/take.wav");
        return await host.Scans.ScanAsync([new ScanTarget(library.Id)], allowMassMissing: false, null, default);
    }

    private static async Task<IReadOnlyList<LibraryFile>> AllFilesAsync(NomarrTestHost host, Library library) =>
        (await host.Files.QueryAsync(new FileQuery(library.Id), default)).Items;

    private static bool FpcalcIsInstalled()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("fpcalc", "-version") { RedirectStandardOutput = true, UseShellExecute = false });
            process?.WaitForExit();
            return process?.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
