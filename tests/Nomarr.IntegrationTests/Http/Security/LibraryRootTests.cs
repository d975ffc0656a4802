using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Nomarr.IntegrationTests.Infrastructure;

namespace Nomarr.IntegrationTests.Http.Security;

/// <summary>
/// The API never makes a library of a system folder, and with Http:AllowedRoots of nothing outside them;
/// the refusal reads the same whether the folder exists or not.
/// </summary>
[Collection(ServeTestGroup.Name)]
public sealed class LibraryRootTests : IAsyncLifetime
{
    private readonly TempLibrary _disk = new();
    private readonly TempDatabase _database = new();
    private ServeHost _server = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_disk.FullPath("allowed/music"));
        Directory.CreateDirectory(_disk.FullPath("other"));
        _server = await ServeHost.StartAsync(_database.Path, new Dictionary<string, string?>
        {
            ["Http:AllowedRoots:0"] = _disk.FullPath("allowed"),
            ["Http:AllowedRoots:1"] = "/usr/share",
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _database.Dispose();
        _disk.Dispose();
    }

    [Theory]
    [InlineData("/", "/")]
    [InlineData("/etc", "/etc/nomarr-not-there")]
    [InlineData("/proc", "/proc/nomarr-not-there")]
    [InlineData("/usr/share", "/usr/share/nomarr-not-there/deeper")]
    public async Task ASystemFolderIsRefusedAlikeWhetherOrNotItExists(string folder, string missingFolder)
    {
        await using var open = await ServeHost.StartAsync(_database.Path + ".open.db");
        try
        {
            var existing = await DetailAsync(open, folder, HttpStatusCode.Forbidden);
            var missing = await DetailAsync(open, missingFolder, HttpStatusCode.Forbidden);

            Assert.Contains("system folder", existing, StringComparison.Ordinal);
            Assert.Equal(Reason(existing), Reason(missing));
            Assert.Equal(0, await DatabaseRows.CountAsync(open.DatabasePath, "libraries"));
        }
        finally
        {
            await open.DisposeAsync();
            TempDatabase.Delete(_database.Path + ".open.db");
        }
    }

    [Fact]
    public async Task AFolderOutsideTheAllowedRootsIsRefusedAlikeWhetherOrNotItExists()
    {
        var existing = await DetailAsync(_server, _disk.FullPath("other"), HttpStatusCode.Forbidden);
        var missing = await DetailAsync(_server, _disk.FullPath("not-there"), HttpStatusCode.Forbidden);
        var file = await DetailAsync(_server, TempLibrary.Fixture(".mp3"), HttpStatusCode.Forbidden);

        Assert.Contains("Http:AllowedRoots", existing, StringComparison.Ordinal);
        Assert.Equal(Reason(existing), Reason(missing));
        Assert.Equal(Reason(existing), Reason(file));
        Assert.Equal(0, await DatabaseRows.CountAsync(_server.DatabasePath, "libraries"));
    }

    [Fact]
    public async Task AnAllowedRootDoesNotOpenASystemFolder()
    {
        var detail = await DetailAsync(_server, "/usr/share", HttpStatusCode.Forbidden);

        Assert.Contains("system folder", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFolderInsideAnAllowedRootIsAdded()
    {
        var response = await _server.Client.PostAsJsonAsync("/api/libraries", new { path = _disk.FullPath("allowed/music"), watch = false });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1, await DatabaseRows.CountAsync(_server.DatabasePath, "libraries"));
    }

    [Fact]
    public async Task ALinkCannotLeadOutOfTheAllowedRootsNorIntoASystemFolder()
    {
        Directory.CreateSymbolicLink(_disk.FullPath("allowed/escape"), _disk.FullPath("other"));
        Directory.CreateSymbolicLink(_disk.FullPath("allowed/etc"), "/etc");

        var escape = await DetailAsync(_server, _disk.FullPath("allowed/escape"), HttpStatusCode.Forbidden);
        var below = await DetailAsync(_server, _disk.FullPath("allowed/escape/not-there"), HttpStatusCode.Forbidden);
        var etc = await DetailAsync(_server, _disk.FullPath("allowed/etc"), HttpStatusCode.Forbidden);

        Assert.Contains("Http:AllowedRoots", escape, StringComparison.Ordinal);
        Assert.Equal(Reason(escape), Reason(below));
        Assert.Contains("Http:AllowedRoots", etc, StringComparison.Ordinal);
        Assert.Equal(0, await DatabaseRows.CountAsync(_server.DatabasePath, "libraries"));
    }

    private static async Task<string> DetailAsync(ServeHost server, string path, HttpStatusCode status)
    {
        var response = await server.Client.PostAsJsonAsync("/api/libraries", new { path, watch = false });
        Assert.Equal(status, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
    }

    /// <summary>The detail without the path it quotes.</summary>
    private static string Reason(string detail) => detail[(detail.IndexOf("library: ", StringComparison.Ordinal) + 9)..];
}
