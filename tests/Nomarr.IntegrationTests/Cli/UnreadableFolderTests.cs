using System.Runtime.Versioning;
using Nomarr.IntegrationTests.Infrastructure;

namespace Nomarr.IntegrationTests.Cli;

/// <summary>
/// Folders a scan cannot read. Root reads everything, so the real `nomarr` runs here as the
/// unprivileged user nobody (through setpriv), for whom a folder with mode 000 is unreadable.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class UnreadableFolderTests : IDisposable
{
    private readonly TempLibrary _disk = new();
    private readonly string _home = Directory.CreateTempSubdirectory("nomarr-nobody-").FullName;
    private readonly Nobody _nobody;

    public UnreadableFolderTests()
    {
        File.SetUnixFileMode(_home, (UnixFileMode)0x1FF);
        _nobody = new Nobody(_home, Path.Combine(_home, "nomarr.db"));
    }

    public void Dispose()
    {
        foreach (var folder in Directory.GetDirectories(_disk.Root, "*", SearchOption.AllDirectories).Append(_disk.Root))
        {
            File.SetUnixFileMode(folder, (UnixFileMode)0x1ED);
        }

        _disk.Dispose();
        Directory.Delete(_home, recursive: true);
    }

    [SkippableFact]
    public async Task AFolderThatCannotBeReadIsReportedAndItsFilesAreNotMarkedMissing()
    {
        Skip.IfNot(Nobody.CanRun, Nobody.CannotRun);
        _disk.AddTrack("A/1.mp3");
        _disk.AddTrack("B/2.mp3");
        await _nobody.RunAsync("library", "add", _disk.Root, "--name", "Music");
        var first = await _nobody.RunAsync("scan", "Music", "--json");

        File.SetUnixFileMode(_disk.FullPath("B"), UnixFileMode.None);
        var second = await _nobody.RunAsync("scan", "Music", "--json");
        var missing = await _nobody.RunAsync("files", "--missing", "--json");

        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Equal(2, first.Json().GetProperty("files_added").GetInt32());
        Assert.True(second.ExitCode == 0, second.Stderr);
        var result = second.Json();
        Assert.Equal(0, result.GetProperty("files_missing").GetInt32());
        Assert.Equal("B", Assert.Single(result.GetProperty("unreadable_folders").EnumerateArray()).GetString());
        Assert.Equal(0, missing.Json().GetArrayLength());
    }

    [SkippableFact]
    public async Task ALibraryRootThatCannotBeReadFailsTheScanClearly()
    {
        Skip.IfNot(Nobody.CanRun, Nobody.CannotRun);
        _disk.AddTrack("A/1.mp3");
        await _nobody.RunAsync("library", "add", _disk.Root, "--name", "Music");
        await _nobody.RunAsync("scan", "Music", "--json");

        File.SetUnixFileMode(_disk.Root, UnixFileMode.None);
        var scan = await _nobody.RunAsync("scan", "Music", "--json");
        File.SetUnixFileMode(_disk.Root, (UnixFileMode)0x1ED);
        var missing = await _nobody.RunAsync("files", "--missing", "--json");

        Assert.Equal(1, scan.ExitCode);
        Assert.Contains("cannot be read", scan.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, missing.Json().GetArrayLength());
    }
}
