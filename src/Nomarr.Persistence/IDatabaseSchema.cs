namespace Nomarr.Persistence;

/// <summary>The engine's schema: which version the database has, and the migrations it lacks.</summary>
public interface IDatabaseSchema
{
    /// <summary>"sqlite" or "postgres".</summary>
    string Engine { get; }

    /// <summary>Where the database is (a file, or host:port/database), without credentials.</summary>
    string Location { get; }

    /// <summary>Reads the version and what is pending, applying nothing.</summary>
    Task<SchemaStatus> GetStatusAsync(CancellationToken cancellationToken);

    /// <summary>Applies every pending migration in one transaction; returns those it applied.</summary>
    Task<IReadOnlyList<SchemaMigration>> MigrateAsync(CancellationToken cancellationToken);
}

/// <summary>A database's schema version, the newest this build knows, and the migrations between them.</summary>
public sealed record SchemaStatus(int Version, int Latest, IReadOnlyList<SchemaMigration> Pending);

public sealed record SchemaMigration(int Version, string Name);
