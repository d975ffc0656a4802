using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Nomarr.Cli.Hosting;
using Nomarr.Persistence;
using Nomarr.Services;
using Nomarr.Services.Libraries;
using Nomarr.Services.Scanning;
using Nomarr.Workflows.Scanning;

namespace Nomarr.IntegrationTests.Infrastructure;

/// <summary>The real services on a real SQLite file in a temporary folder.</summary>
public sealed class NomarrTestHost : IDisposable
{
    private readonly IHost _host;
    private readonly bool _ownsDatabase;

    /// <param name="settings">Configuration on top of the database path.</param>
    /// <param name="time">The clock, when not the system's.</param>
    /// <param name="databasePath">An existing database (kept on dispose), or null for a new one.</param>
    /// <param name="recordLogs">Keeps every log record, Debug and up, in <see cref="Logs"/>.</param>
    /// <param name="services">Last changes to the registrations (see <see cref="PortCalls"/>).</param>
    public NomarrTestHost(
        IDictionary<string, string?>? settings = null,
        TimeProvider? time = null,
        string? databasePath = null,
        bool recordLogs = false,
        Action<IServiceCollection>? services = null)
    {
        _ownsDatabase = databasePath is null;
        DatabasePath = databasePath ?? Path.Combine(Path.GetTempPath(), "nomarr-test-" + Guid.NewGuid().ToString("N") + ".db");
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        var config = new Dictionary<string, string?> { ["Database:Path"] = DatabasePath };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(config);
        builder.Logging.SetMinimumLevel(recordLogs ? LogLevel.Debug : LogLevel.Warning);
        if (recordLogs)
        {
            builder.Logging.AddFakeLogging();
        }

        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.AddNomarrDatabase();
        builder.AddNomarrServices();
        services?.Invoke(builder.Services);
        _host = builder.Build();
    }

    public string DatabasePath { get; }

    public IServiceProvider Services => _host.Services;

    public LibraryCatalog Libraries => Services.GetRequiredService<LibraryCatalog>();

    public ScanRunner Scans => Services.GetRequiredService<ScanRunner>();

    public LibraryFiles Files => Services.GetRequiredService<LibraryFiles>();

    public ScanHistory History => Services.GetRequiredService<ScanHistory>();

    public ScanLibraryWorkflow Workflow => Services.GetRequiredService<ScanLibraryWorkflow>();

    public ILibraryRepository LibraryRepository => Services.GetRequiredService<ILibraryRepository>();

    public ILibraryFileRepository FileRepository => Services.GetRequiredService<ILibraryFileRepository>();

    public IScanLedger Ledger => Services.GetRequiredService<IScanLedger>();

    /// <summary>What was logged, when the host records logs.</summary>
    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    /// <summary>Starts a scan of the whole library on the ledger, for tests that write files through the ports.</summary>
    public async Task<ScanClaim> ClaimAsync(long libraryId) =>
        (await Ledger.TryStartAsync(libraryId, [""], "test", TimeSpan.FromMinutes(5), null, DateTimeOffset.UtcNow, default)).Claim
        ?? throw new InvalidOperationException($"Library {libraryId} is being scanned.");

    public void Dispose()
    {
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!_ownsDatabase)
        {
            return;
        }

        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(DatabasePath + suffix);
        }
    }
}
