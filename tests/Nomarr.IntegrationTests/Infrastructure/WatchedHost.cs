using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nomarr.Cli.Hosting;
using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Watching;
using Nomarr.Services;
using Nomarr.Services.Libraries;
using Nomarr.Services.Scanning;
using Nomarr.Services.Watching;

namespace Nomarr.IntegrationTests.Infrastructure;

/// <summary>
/// The services as `nomarr serve` runs them (background scans and watchers, started), on a real
/// SQLite file. Waits are on conditions with a generous timeout: real inotify, real time.
/// </summary>
public sealed class WatchedHost : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly IHost _host;
    private readonly bool _ownsDatabase;

    private WatchedHost(IHost host, string databasePath, bool ownsDatabase)
    {
        _host = host;
        DatabasePath = databasePath;
        _ownsDatabase = ownsDatabase;
        Outcomes.ScanCompleted += (_, e) => Completed.Enqueue(e);
    }

    public string DatabasePath { get; }

    public IServiceProvider Services => _host.Services;

    public LibraryCatalog Libraries => Services.GetRequiredService<LibraryCatalog>();

    public ScanRunner Scans => Services.GetRequiredService<ScanRunner>();

    public FileWatcherService Watcher => Services.GetRequiredService<FileWatcherService>();

    public ScanIntake Intake => Services.GetRequiredService<ScanIntake>();

    public ScanWorkers Workers => Services.GetRequiredService<ScanWorkers>();

    public ScanOutcomePublisher Outcomes => Services.GetRequiredService<ScanOutcomePublisher>();

    /// <summary>Every scan the queue ran, in order.</summary>
    public ConcurrentQueue<ScanCompletedEventArgs> Completed { get; } = new();

    public static async Task<WatchedHost> StartAsync(double debounceSeconds = 0.3, string? databasePath = null, IDictionary<string, string?>? settings = null)
    {
        var path = databasePath ?? Path.Combine(Path.GetTempPath(), "nomarr-test-" + Guid.NewGuid().ToString("N") + ".db");
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        var config = new Dictionary<string, string?>
        {
            ["Database:Path"] = path,
            ["Watcher:DebounceSeconds"] = debounceSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(config);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddNomarrDatabase();
        builder.AddNomarrServices();
        builder.AddNomarrBackgroundScans();
        builder.AddNomarrWatchers();
        var host = builder.Build();
        await host.StartAsync();
        return new WatchedHost(host, path, databasePath is null);
    }

    /// <summary>Adds a watched library and waits for its watcher and its first (full) scan.</summary>
    public async Task<Library> AddWatchedLibraryAsync(string root)
    {
        var library = await Libraries.AddAsync(root, null, watch: true, default);
        await WaitForStatusAsync(library.Id, WatcherStatus.Watching);
        await WaitForScanAsync(e => e.LibraryId == library.Id && e.Result?.FullScan == true);
        return library;
    }

    public Task<WatcherState> WaitForStatusAsync(long libraryId, WatcherStatus status) =>
        WaitForAsync(() => Task.FromResult(Watcher.GetState(libraryId) is { } s && s.Status == status ? s : null), $"watcher of {libraryId} to be {status}");

    /// <summary>The first matching scan among those completed after the first <paramref name="after"/>.</summary>
    public Task<ScanCompletedEventArgs> WaitForScanAsync(Func<ScanCompletedEventArgs, bool> match, int after = 0) =>
        WaitForAsync(() => Task.FromResult(Completed.Skip(after).FirstOrDefault(match)), "a matching scan");

    /// <summary>The stored file at the path once it satisfies the condition.</summary>
    public Task<LibraryFile> WaitForFileAsync(long libraryId, string path, Func<LibraryFile, bool> condition) =>
        WaitForAsync(async () => (await FilesAsync(libraryId)).FirstOrDefault(f => f.Path == path && condition(f)), $"{path} to be stored as expected");

    public async Task<IReadOnlyList<LibraryFile>> FilesAsync(long libraryId) =>
        (await Services.GetRequiredService<LibraryFiles>().QueryAsync(new FileQuery(libraryId, Limit: 1000), default)).Items;

    public static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, string what)
        where T : class
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {Patience.TotalSeconds} s for {what}.");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_ownsDatabase)
        {
            DeleteDatabase(DatabasePath);
        }
    }

    public static void DeleteDatabase(string path)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }
    }
}
