using Nomarr.Helpers.Libraries;

namespace Nomarr.IntegrationTests.Persistence.Contracts;

/// <summary>
/// The base of every contract class: each test gets a fresh, empty database of the engine under test.
/// Derive one class per engine (its name ending in "Contract") that passes its engine in.
/// </summary>
public abstract class PortContract(IContractEngine engine) : IAsyncLifetime
{
    protected static readonly DateTimeOffset Start = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private ContractDatabase? _database;

    protected ContractDatabase Database => _database ?? throw new InvalidOperationException("The database is created before each test.");

    public async Task InitializeAsync() => _database = await engine.CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>A library on a root of its own (the ports store roots; none of them reads the disk).</summary>
    protected Task<Library> AddLibraryAsync(string? root = null) =>
        Database.Libraries.AddAsync("Music", root ?? "/music/" + Guid.NewGuid().ToString("N"), WatchMode.Auto, null, Start, default);

    protected static FileRecord Record(string path, string? title = null, long size = 10, long mtime = 1_000) =>
        new(path, size, mtime, new AudioTags { Title = title }, null);
}
