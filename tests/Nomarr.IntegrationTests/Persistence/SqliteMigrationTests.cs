using Microsoft.Data.Sqlite;
using Nomarr.IntegrationTests.Infrastructure;
using Nomarr.Persistence.Sqlite;

namespace Nomarr.IntegrationTests.Persistence;

public sealed class SqliteMigrationTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "nomarr-migrate-" + Guid.NewGuid().ToString("N") + ".db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }
    }

    [Fact]
    public async Task ANewDatabaseIsCreatedAtTheLatestVersionInWalMode()
    {
        using (var host = new NomarrTestHost(databasePath: _path))
        {
            await host.Libraries.ListLibrariesAsync(default);
        }

        await using var connection = new SqliteConnection($"Data Source={_path}");
        await connection.OpenAsync();
        Assert.Equal((long)SqliteMigrations.All[^1].Version, await ScalarAsync(connection, "SELECT MAX(version) FROM schema_version"));
        Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode"));
        Assert.Equal(1L, await ScalarAsync(connection, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'library_files'"));
    }

    [Fact]
    public async Task OpeningAnExistingDatabaseAgainKeepsItsData()
    {
        var root = Directory.CreateTempSubdirectory("nomarr-root-").FullName;
        using (var first = new NomarrTestHost(databasePath: _path))
        {
            await first.Libraries.AddLibraryAsync(root, "Kept", false, default);
        }

        using var second = new NomarrTestHost(databasePath: _path);
        var library = Assert.Single(await second.Libraries.ListLibrariesAsync(default));
        Assert.Equal("Kept", library.Name);
        await using var connection = new SqliteConnection($"Data Source={_path}");
        await connection.OpenAsync();
        Assert.Equal((long)SqliteMigrations.All.Count, await ScalarAsync(connection, "SELECT COUNT(*) FROM schema_version"));
    }

    [Fact]
    public async Task ADatabaseAtVersionOneIsMigratedAndKeepsItsFiles()
    {
        await using (var connection = new SqliteConnection($"Data Source={_path}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText =
                "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);" +
                SqliteMigrations.All[0].Sql +
                "INSERT INTO schema_version VALUES (1, '2026-01-01T00:00:00.0000000Z');" +
                "INSERT INTO libraries (name, root_path, created_at) VALUES ('Old', '/old', '2026-01-01T00:00:00.0000000Z');" +
                "INSERT INTO library_files (library_id, normalized_path, size, mtime, added_at, updated_at) VALUES (1, 'a.mp3', 1, 1, '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z');";
            await command.ExecuteNonQueryAsync();
        }

        using var host = new NomarrTestHost(databasePath: _path);
        var file = Assert.Single((await host.Libraries.QueryFilesAsync(new Nomarr.Helpers.Libraries.FileQuery(), default)).Items);
        Assert.Equal("a.mp3", file.Path);
        Assert.Null((await host.Libraries.GetLibraryAsync(1, default)).RootDevice);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
