using Microsoft.Extensions.Logging;
using Npgsql;

namespace Nomarr.Persistence.Postgres;

/// <summary>
/// Applies the numbered scripts of <see cref="PostgresMigrations"/> that the database has not seen, all
/// in one transaction (PostgreSQL's DDL is transactional: a failed script leaves the database as it
/// was), and records them in schema_version. An advisory lock serializes nodes that start together.
/// </summary>
internal sealed partial class PostgresMigrator(ILogger logger)
{
    // Any constant both sides agree on; "nomarr" in ASCII.
    private const long MigrationLock = 0x6E6F6D617272;

    public async Task<IReadOnlyList<Migration>> MigrateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var prepare = new NpgsqlCommand(
            "SELECT pg_advisory_xact_lock(@lock); CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL);",
            connection,
            transaction))
        {
            prepare.Parameters.AddWithValue("lock", MigrationLock);
            await prepare.ExecuteNonQueryAsync(cancellationToken);
        }

        var current = await CurrentVersionAsync(connection, transaction, cancellationToken);
        var pending = Pending(current);
        foreach (var migration in pending)
        {
            await using var command = new NpgsqlCommand(migration.Sql, connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
            await using var record = new NpgsqlCommand("INSERT INTO schema_version (version, applied_at) VALUES (@version, now());", connection, transaction);
            record.Parameters.AddWithValue("version", migration.Version);
            await record.ExecuteNonQueryAsync(cancellationToken);
            LogApplied(migration.Version, migration.Name);
        }

        await transaction.CommitAsync(cancellationToken);
        return pending;
    }

    public static IReadOnlyList<Migration> Pending(int current) => PostgresMigrations.All.Where(m => m.Version > current).OrderBy(m => m.Version).ToList();

    /// <summary>The schema's version: 0 for a database Nomarr has never touched.</summary>
    public static async Task<int> CurrentVersionAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('schema_version') IS NOT NULL;", connection, transaction))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
            {
                return 0;
            }
        }

        await using var command = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_version;", connection, transaction);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied database migration {Version} ({Name})")]
    private partial void LogApplied(int version, string name);
}
