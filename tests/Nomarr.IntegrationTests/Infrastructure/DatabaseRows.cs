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
}
