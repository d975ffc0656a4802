using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Scanning;
using Nomarr.Persistence;

namespace Nomarr.IntegrationTests.Persistence.Contracts;

/// <summary>
/// The base of every contract class: each test gets a fresh, empty database of the engine under test.
/// Derive one class per engine (its name ending in "Contract") that passes its engine in.
/// </summary>
public abstract class PortContract(IContractEngine engine) : IAsyncLifetime
{
    protected static readonly DateTimeOffset Start = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<long, ScanClaim> _claims = [];
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

    /// <summary>The scan of the library the test writes under: started on the first call, the same one after.</summary>
    protected async Task<ScanClaim> ClaimAsync(Library library)
    {
        ArgumentNullException.ThrowIfNull(library);
        if (!_claims.TryGetValue(library.Id, out var claim))
        {
            claim = (await Database.Ledger.TryStartAsync(library.Id, [""], "contract", TimeSpan.FromMinutes(5), null, Start, default)).Claim
                    ?? throw new InvalidOperationException("An idle library can always be claimed.");
            _claims[library.Id] = claim;
        }

        return claim;
    }

    /// <summary>Completes the library's current scan and starts the next one.</summary>
    protected async Task<ScanClaim> NextClaimAsync(Library library)
    {
        var current = await ClaimAsync(library);
        await Database.Ledger.CompleteAsync(current, new ScanResult { ScanId = current.RunId, LibraryId = library.Id }, null, Start, default);
        _claims.Remove(library.Id);
        return await ClaimAsync(library);
    }

    protected static FileRecord Record(string path, string? title = null, long size = 10, long mtime = 1_000) =>
        new(path, size, mtime, new AudioTags { Title = title }, null);
}
