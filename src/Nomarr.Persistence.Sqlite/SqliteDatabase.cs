using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nomarr.Helpers.Options;

namespace Nomarr.Persistence.Sqlite;

/// <summary>
/// Opens connections to the SQLite file, creating and migrating it on first use so that a new
/// user needs no set-up step.
/// </summary>
internal sealed class SqliteDatabase : IDisposable
{
    private readonly string _connectionString;
    private readonly SqliteMigrator _migrator;
    private readonly string _pragmas;
    private readonly SemaphoreSlim _migrateOnce = new(1, 1);
    private volatile bool _migrated;

    public SqliteDatabase(IOptions<DatabaseOptions> options, ILogger<SqliteDatabase> logger)
    {
        _connectionString = BuildConnectionString(options.Value);
        var busyMs = (options.Value.BusyTimeoutSeconds * 1000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _pragmas = "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = " + busyMs + ";";
        _migrator = new SqliteMigrator(logger);
    }

    public string DataSource => new SqliteConnectionStringBuilder(_connectionString).DataSource;

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_migrated)
        {
            await MigrateAsync(cancellationToken);
        }

        return await OpenRawAsync(cancellationToken);
    }

    public void Dispose() => _migrateOnce.Dispose();

    internal static string BuildConnectionString(DatabaseOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return options.ConnectionString;
        }

        var path = string.IsNullOrWhiteSpace(options.Path) ? DatabaseOptions.DefaultPath : options.Path;
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        return new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = options.BusyTimeoutSeconds,
        }.ToString();
    }

    internal async Task<SqliteConnection> OpenRawAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var pragma = connection.CreateCommand();

            // WAL lets readers (the API, another CLI) run while a scan writes; NORMAL is durable
            // across application crashes in WAL mode and only risks the last commit on power loss.
            pragma.CommandText = _pragmas;
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    internal async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await _migrateOnce.WaitAsync(cancellationToken);
        try
        {
            if (_migrated)
            {
                return;
            }

            await using var connection = await OpenRawAsync(cancellationToken);
            await _migrator.MigrateAsync(connection, cancellationToken);
            _migrated = true;
        }
        finally
        {
            _migrateOnce.Release();
        }
    }
}
