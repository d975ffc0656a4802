using Microsoft.Data.Sqlite;
using Nomarr.IntegrationTests.Infrastructure;
using Nomarr.Persistence.Sqlite;
using Nomarr.Services.Libraries;

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
            await host.Libraries.ListAsync(default);
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
            await first.Libraries.AddAsync(root, "Kept", false, default);
        }

        using var second = new NomarrTestHost(databasePath: _path);
        var library = Assert.Single(await second.Libraries.ListAsync(default));
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
        var file = Assert.Single((await host.Files.QueryAsync(new Nomarr.Helpers.Libraries.FileQuery(), default)).Items);
        Assert.Equal("a.mp3", file.Path);
        Assert.Null((await host.Libraries.GetAsync(1, default)).RootDevice);
    }

    [Fact]
    public async Task FilesStoredBeforeTheTextIndexAreFoundByTextAfterTheMigration()
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
                "INSERT INTO library_files (library_id, normalized_path, size, mtime, title, artist, album, added_at, updated_at) VALUES " +
                "(1, 'a.mp3', 1, 1, 'Ünder Ocean', 'Band', 'Blue', '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z')," +
                "(1, 'b.mp3', 1, 1, 'Other', 'Band', 'Red', '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z');";
            await command.ExecuteNonQueryAsync();
        }

        using var host = new NomarrTestHost(databasePath: _path);
        var found = await host.Files.QueryAsync(new Nomarr.Helpers.Libraries.FileQuery(Text: "üNDER"), default);
        Assert.Equal(["a.mp3"], found.Items.Select(f => f.Path));
        await using var check = new SqliteConnection($"Data Source={_path}");
        await check.OpenAsync();
        Assert.Equal(1L, await ScalarAsync(check, "SELECT COUNT(*) FROM file_search WHERE file_search MATCH '\"ocean\"'"));
    }

    [Fact]
    public async Task ALibraryStoredUnwatchedIsOffAfterTheMigrationAndAWatchedOneIsAuto()
    {
        await using (var connection = new SqliteConnection($"Data Source={_path}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText =
                "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);" +
                string.Concat(SqliteMigrations.All.Where(m => m.Version <= 3).Select(m => m.Sql)) +
                "INSERT INTO schema_version VALUES (3, '2026-01-01T00:00:00.0000000Z');" +
                "INSERT INTO libraries (name, root_path, created_at, watch) VALUES ('Off', '/off', '2026-01-01T00:00:00.0000000Z', 0);" +
                "INSERT INTO libraries (name, root_path, created_at, watch) VALUES ('On', '/on', '2026-01-01T00:00:00.0000000Z', 1);";
            await command.ExecuteNonQueryAsync();
        }

        using var host = new NomarrTestHost(databasePath: _path);
        var libraries = await host.Libraries.ListAsync(default);

        Assert.Equal([Nomarr.Helpers.Libraries.WatchMode.Off, Nomarr.Helpers.Libraries.WatchMode.Auto], libraries.Select(l => l.WatchMode));
        Assert.Equal([false, true], libraries.Select(l => l.Watch));
        Assert.All(libraries, l => Assert.Null(l.PollSeconds));
    }

    [Fact]
    public async Task AWatchModeAndPollPeriodAreStoredAndAPeriodOfZeroGoesBackToTheDefault()
    {
        var root = Directory.CreateTempSubdirectory("nomarr-root-").FullName;
        using var host = new NomarrTestHost(databasePath: _path);
        var added = await host.Libraries.AddAsync(root, null, Nomarr.Helpers.Libraries.WatchMode.Poll, 15, LibraryRootRules.Default, default);
        Assert.Equal((Nomarr.Helpers.Libraries.WatchMode.Poll, 15, true), (added.WatchMode, added.PollSeconds, added.Watch));

        var off = await host.Libraries.UpdateAsync(added.Id, null, watch: false, watchMode: null, pollSeconds: null, default);
        var on = await host.Libraries.UpdateAsync(added.Id, null, watch: true, watchMode: null, pollSeconds: null, default);
        var inotify = await host.Libraries.UpdateAsync(added.Id, null, null, Nomarr.Helpers.Libraries.WatchMode.Inotify, 0, default);

        Assert.Equal((Nomarr.Helpers.Libraries.WatchMode.Off, false), (off.WatchMode, off.Watch));
        Assert.Equal(Nomarr.Helpers.Libraries.WatchMode.Auto, on.WatchMode);
        Assert.Equal((Nomarr.Helpers.Libraries.WatchMode.Inotify, (int?)null), (inotify.WatchMode, inotify.PollSeconds));
        Assert.Equal(15, off.PollSeconds);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
