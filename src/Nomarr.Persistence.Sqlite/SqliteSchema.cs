using Microsoft.Data.Sqlite;

namespace Nomarr.Persistence.Sqlite;

internal sealed class SqliteSchema(SqliteDatabase database) : IDatabaseSchema
{
    public string Engine => "sqlite";

    public string Location => Path.GetFullPath(database.DataSource);

    public async Task<SchemaStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenRawAsync(cancellationToken);
        var version = await VersionAsync(connection, cancellationToken);
        var pending = SqliteMigrations.All.Where(m => m.Version > version).OrderBy(m => m.Version).Select(m => new SchemaMigration(m.Version, m.Name)).ToList();
        return new SchemaStatus(version, SqliteMigrations.All.Max(m => m.Version), pending);
    }

    public async Task<IReadOnlyList<SchemaMigration>> MigrateAsync(CancellationToken cancellationToken)
    {
        var before = await GetStatusAsync(cancellationToken);
        await database.MigrateAsync(cancellationToken);
        return before.Pending;
    }

    private static async Task<int> VersionAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version';";
        return (long)(await exists.ExecuteScalarAsync(cancellationToken))! == 0 ? 0 : await SqliteMigrator.CurrentVersionAsync(connection, null, cancellationToken);
    }
}
