using Nomarr.IntegrationTests.Infrastructure;

namespace Nomarr.IntegrationTests.Cli;

/// <summary>The local user may make a library of a system folder, but only when they say so with --force.</summary>
public sealed class LibraryRootCliTests : IDisposable
{
    private readonly TempDatabase _database = new();
    private readonly CliRunner _cli;

    public LibraryRootCliTests() => _cli = new CliRunner(_database.Path);

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task ASystemFolderNeedsForceAndIsAddedWithAWarningWithIt()
    {
        var refused = await _cli.RunAsync("library", "add", "/usr/share", "--no-watch");
        var forced = await _cli.RunAsync("library", "add", "/usr/share", "--no-watch", "--force", "--json");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("system folder", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("--force", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, forced.ExitCode);
        Assert.Contains("warning", forced.Stderr, StringComparison.Ordinal);
        Assert.Equal("/usr/share", forced.Json().GetProperty("root_path").GetString());
        Assert.Equal(1, await DatabaseRows.CountAsync(_database.Path, "libraries"));
    }

    [Fact]
    public async Task ScanningASystemFolderByPathDoesNotRegisterIt()
    {
        var scan = await _cli.RunAsync("scan", "/etc/", "--json");

        Assert.Equal(1, scan.ExitCode);
        Assert.Contains("system folder", scan.Stderr, StringComparison.Ordinal);
    }
}
