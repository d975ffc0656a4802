using Microsoft.Data.Sqlite;

namespace Nomarr.IntegrationTests.Infrastructure;

/// <summary>
/// Holds SQLite's write lock on a database file, as another writer would: every write of the
/// process under test waits (in SQLite's busy handler) until this is disposed. A scan cannot finish
/// while it is held, which pins a scan in the middle without any hook in the product.
/// </summary>
public sealed class DatabaseWriteLock : IAsyncDisposable, IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;

    private DatabaseWriteLock(SqliteConnection connection, SqliteTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    public static async Task<DatabaseWriteLock> TakeAsync(string databasePath)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false, DefaultTimeout = 60 }.ToString());
        await connection.OpenAsync();
        await using (var timeout = connection.CreateCommand())
        {
            timeout.CommandText = "PRAGMA busy_timeout = 60000;";
            await timeout.ExecuteNonQueryAsync();
        }

        // BEGIN IMMEDIATE takes the write lock now, not at the first write.
        var transaction = connection.BeginTransaction(deferred: false);
        return new DatabaseWriteLock(connection, transaction);
    }

    /// <summary>Takes the lock at once, on the caller's thread: from a scan's progress callback, before its next write.</summary>
    public static DatabaseWriteLock Take(string databasePath)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false, DefaultTimeout = 60 }.ToString());
        connection.Open();
        using (var timeout = connection.CreateCommand())
        {
            timeout.CommandText = "PRAGMA busy_timeout = 60000;";
            timeout.ExecuteNonQuery();
        }

        return new DatabaseWriteLock(connection, connection.BeginTransaction(deferred: false));
    }

    public void Dispose()
    {
        _transaction.Rollback();
        _transaction.Dispose();
        _connection.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.RollbackAsync();
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
