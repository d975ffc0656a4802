namespace Nomarr.Persistence.Postgres;

internal sealed class PostgresSchema(PostgresDatabase database) : IDatabaseSchema
{
    public string Engine => "postgres";

    public string Location => database.Location;

    public async Task<SchemaStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenUnmigratedAsync(cancellationToken);
        var version = await PostgresMigrator.CurrentVersionAsync(connection, null, cancellationToken);
        return new SchemaStatus(version, PostgresMigrations.All.Max(m => m.Version), PostgresMigrator.Pending(version).Select(m => new SchemaMigration(m.Version, m.Name)).ToList());
    }

    public async Task<IReadOnlyList<SchemaMigration>> MigrateAsync(CancellationToken cancellationToken) =>
        (await database.MigrateAsync(cancellationToken)).Select(m => new SchemaMigration(m.Version, m.Name)).ToList();
}
