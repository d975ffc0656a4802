using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nomarr.Helpers.Options;
using Npgsql;

namespace Nomarr.Persistence.Postgres;

/// <summary>
/// Opens pooled connections to the PostgreSQL database named by Database:ConnectionString, migrating
/// it on first use as SQLite is, so that pointing a node at an empty database is the whole set-up.
/// </summary>
internal sealed class PostgresDatabase : IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _listenerConnectionString;
    private readonly PostgresMigrator _migrator;
    private readonly SemaphoreSlim _migrateOnce = new(1, 1);
    private volatile bool _migrated;

    public PostgresDatabase(IOptions<DatabaseOptions> options, ILogger<PostgresDatabase> logger)
    {
        var connectionString = options.Value.ConnectionString;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException("Database:ConnectionString is required with Database:Provider=postgres (e.g. Host=db;Database=nomarr;Username=nomarr;Password=...).");
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "nomarr";
        }

        _dataSource = NpgsqlDataSource.Create(builder);

        // LISTEN holds its connection for as long as it listens: outside the pool, with keepalives so a dead link is noticed.
        _listenerConnectionString = new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Pooling = false, KeepAlive = 15 }.ConnectionString;
        _migrator = new PostgresMigrator(logger);
        Location = $"{builder.Host}:{builder.Port}/{builder.Database}";
    }

    /// <summary>Host, port and database, without credentials: what `nomarr db status` shows.</summary>
    public string Location { get; }

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_migrated)
        {
            await MigrateAsync(cancellationToken);
        }

        return await _dataSource.OpenConnectionAsync(cancellationToken);
    }

    /// <summary>A connection of its own, outside the pool, on a migrated database: for LISTEN.</summary>
    public async Task<NpgsqlConnection> OpenListenerAsync(CancellationToken cancellationToken)
    {
        if (!_migrated)
        {
            await MigrateAsync(cancellationToken);
        }

        var connection = new NpgsqlConnection(_listenerConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>A connection that does not migrate first, for reading the schema's state.</summary>
    public ValueTask<NpgsqlConnection> OpenUnmigratedAsync(CancellationToken cancellationToken) => _dataSource.OpenConnectionAsync(cancellationToken);

    public async Task<IReadOnlyList<Migration>> MigrateAsync(CancellationToken cancellationToken)
    {
        await _migrateOnce.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            var applied = _migrated ? [] : await _migrator.MigrateAsync(connection, cancellationToken);
            _migrated = true;
            return applied;
        }
        finally
        {
            _migrateOnce.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        _migrateOnce.Dispose();
    }

    public void Dispose()
    {
        _dataSource.Dispose();
        _migrateOnce.Dispose();
    }
}
