using Microsoft.Data.Sqlite;

namespace Nomarr.IntegrationTests.Infrastructure;

/// <summary>Counts rows of a database file from outside the process under test: what a refused request must not have written.</summary>
public static class DatabaseRows
{
    public static async Task<long> CountAsync(string databasePath, string table)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table};";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>What PRAGMA integrity_check says of the file: "ok" for a sound database.</summary>
    public static async Task<string> IntegrityAsync(string databasePath)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false, DefaultTimeout = 60 }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
