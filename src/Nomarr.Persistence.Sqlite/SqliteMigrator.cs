using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Nomarr.Persistence.Sqlite;

/// <summary>
/// Applies the numbered scripts of <see cref="SqliteMigrations"/> that the database has not seen,
/// all in one transaction (a failed script leaves the database as it was), and records them in schema_version.
/// </summary>
internal sealed partial class SqliteMigrator(ILogger logger)
{
    public async Task MigrateAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            await wal.ExecuteNonQueryAsync(cancellationToken);
        }

        // BEGIN IMMEDIATE serializes two processes that start on a new database at the same time.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken);
        await using (var create = connection.CreateCommand())
        {
            create.Transaction = transaction;
            create.CommandText = "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);";
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var current = await CurrentVersionAsync(connection, transaction, cancellationToken);
        foreach (var migration in SqliteMigrations.All.Where(m => m.Version > current).OrderBy(m => m.Version))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = migration.Sql + "\nINSERT INTO schema_version (version, applied_at) VALUES ($version, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));";
            command.Parameters.AddWithValue("$version", migration.Version);
            await command.ExecuteNonQueryAsync(cancellationToken);
            LogApplied(migration.Version, migration.Name);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public static async Task<int> CurrentVersionAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version;";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied database migration {Version} ({Name})")]
    private partial void LogApplied(int version, string name);
}
