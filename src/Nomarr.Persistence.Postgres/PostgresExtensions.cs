using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Nomarr.Helpers.Options;

namespace Nomarr.Persistence.Postgres;

public static class PostgresExtensions
{
    /// <summary>
    /// Registers the PostgreSQL engine behind every persistence port (Database:Provider=postgres, on
    /// Database:ConnectionString). Its errors reach callers as <see cref="PersistenceException"/>.
    /// </summary>
    public static IHostApplicationBuilder AddNomarrPostgres(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<PostgresDatabase>();
        AddPort<ILibraryRepository, PgLibraryRepository>(builder.Services);
        AddPort<ILibraryFileRepository, PgLibraryFileRepository>(builder.Services);
        AddPort<IScanLedger, PgScanLedger>(builder.Services);
        AddPort<IPendingScanRepository, PgPendingScanRepository>(builder.Services);
        AddPort<IDatabaseSchema, PostgresSchema>(builder.Services);
        AddPort<IDatabaseTables, PostgresTables>(builder.Services);
        AddPort<IFileChangeLog, PgFileChangeLog>(builder.Services);
        AddPort<IPlaylistRepository, PgPlaylistRepository>(builder.Services);
        AddPort<INodeRegistry, PgNodeRegistry>(builder.Services);
        AddPort<IScanSignals, PgScanSignals>(builder.Services);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<IFileChangeListener, NoFileChangeListener>();
        return builder;
    }

    private static void AddPort<TPort, TEngine>(IServiceCollection services)
        where TPort : class
        where TEngine : class, TPort
    {
        services.AddSingleton<TEngine>();
        services.AddSingleton(s => EngineErrorTranslation<TPort, Npgsql.NpgsqlException>.Wrap(s.GetRequiredService<TEngine>()));
    }
}
