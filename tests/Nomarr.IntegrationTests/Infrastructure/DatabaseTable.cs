using Microsoft.Data.Sqlite;

namespace Nomarr.IntegrationTests.Infrastructure;

/// <summary>Renames a table of a database file from outside the process under test: without it, the database refuses what needs it, as a broken one would.</summary>
public static class DatabaseTable
{
    public static async Task RenameAsync(string databasePath, string table, string newName)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"ALTER TABLE {table} RENAME TO {newName};";
        await command.ExecuteNonQueryAsync();
    }
}
