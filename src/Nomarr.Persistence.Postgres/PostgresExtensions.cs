using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Nomarr.Persistence.Postgres;

public static class PostgresExtensions
{
    /// <summary>Registers the PostgreSQL engine for every persistence port (Database:Provider=postgres).</summary>
    public static IHostApplicationBuilder AddNomarrPostgres(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<PostgresDatabase>();
        builder.Services.AddSingleton<ILibraryRepository, PgLibraryRepository>();
        builder.Services.AddSingleton<ILibraryFileRepository, PgLibraryFileRepository>();
        builder.Services.AddSingleton<IScanRunRepository, PgScanRunRepository>();
        builder.Services.AddSingleton<IPendingScanRepository, PgPendingScanRepository>();
        builder.Services.AddSingleton<IDatabaseSchema, PostgresSchema>();
        builder.Services.AddSingleton<IDatabaseTables, PostgresTables>();
        return builder;
    }
}
