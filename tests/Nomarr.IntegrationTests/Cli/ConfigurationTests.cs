using Nomarr.IntegrationTests.Infrastructure;

namespace Nomarr.IntegrationTests.Cli;

public sealed class ConfigurationTests : IDisposable
{
    private readonly TempLibrary _disk = new();
    private readonly TempLibrary _dataHome = new();
    private readonly TempDatabase _database = new();
    private readonly CliRunner _cli;

    public ConfigurationTests()
    {
        _cli = new CliRunner(_database.Path);

        // The data folder (~/.local/share/nomarr) follows XDG_DATA_HOME.
        _cli.Environment["XDG_DATA_HOME"] = _dataHome.Root;
    }

    public void Dispose()
    {
        _database.Dispose();
        _dataHome.Dispose();
        _disk.Dispose();
    }

    [Theory]
    [InlineData("Scanner:BatchSize=-5", "Scanner:BatchSize")]
    [InlineData("Scanner:BatchSize=ten", "Scanner:BatchSize")]
    [InlineData("Database:Provider=mysql", "Database:Provider must be 'sqlite' or 'postgres'")]
    [InlineData("Database:Provider=postgres", "Database:ConnectionString: required with Database:Provider=postgres")]
    [InlineData("Watcher:DebounceSeconds=0", "Watcher:DebounceSeconds")]
    public async Task ServeRefusesABadSettingWithOneClearLine(string setting, string message)
    {
        var result = await _cli.RunAsync("serve", "--urls", "http://127.0.0.1:0", "--set", setting);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("invalid setting", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr + result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AConfigYamlInTheDataFolderIsRead()
    {
        for (var i = 0; i < 20; i++)
        {
            _disk.Write($"A/{i:00}.mp3", File.ReadAllBytes(TempLibrary.Fixture(".mp3")));
        }

        _dataHome.Write("nomarr/config.yaml", System.Text.Encoding.UTF8.GetBytes("Scanner:\n  BatchSize: 7\n"));

        var scan = await _cli.RunAsync("scan", _disk.Root, "--json");

        Assert.Equal(0, scan.ExitCode);
        Assert.Equal(3, scan.Json().GetProperty("db_transactions").GetInt32());
    }

    [Fact]
    public async Task ABadValueInConfigYamlIsRefusedClearly()
    {
        _dataHome.Write("nomarr/config.yaml", System.Text.Encoding.UTF8.GetBytes("Database:\n  Provider: postgres\n"));

        var result = await _cli.RunAsync("library", "list");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Database:ConnectionString: required with Database:Provider=postgres", result.Stderr, StringComparison.Ordinal);
    }
}
