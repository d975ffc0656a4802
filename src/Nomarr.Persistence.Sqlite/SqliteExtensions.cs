using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Nomarr.Helpers.Options;

namespace Nomarr.Persistence.Sqlite;

public static class SqliteExtensions
{
    /// <summary>
    /// Registers the SQLite engine behind every persistence port, on the file named by the "Database" section.
    /// Its errors reach callers as <see cref="PersistenceException"/>.
    /// </summary>
    public static IHostApplicationBuilder AddNomarrSqlite(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SqliteDatabase>();
        AddPort<ILibraryRepository, SqliteLibraryRepository>(builder.Services);
        AddPort<ILibraryFileRepository, SqliteLibraryFileRepository>(builder.Services);
        AddPort<IScanLedger, SqliteScanLedger>(builder.Services);
        AddPort<IPendingScanRepository, SqlitePendingScanRepository>(builder.Services);
        AddPort<IDatabaseSchema, SqliteSchema>(builder.Services);
        AddPort<IDatabaseTables, SqliteTables>(builder.Services);
        AddPort<IFileChangeLog, SqliteFileChangeLog>(builder.Services);
        AddPort<IPlaylistRepository, SqlitePlaylistRepository>(builder.Services);
        AddPort<INodeRegistry, SqliteNodeRegistry>(builder.Services);
        AddPort<IScanSignals, SqliteScanSignals>(builder.Services);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<IFileChangeListener, NoFileChangeListener>();
        return builder;
    }

    private static void AddPort<TPort, TEngine>(IServiceCollection services)
        where TPort : class
        where TEngine : class, TPort
    {
        services.AddSingleton<TEngine>();
        services.AddSingleton(s => EngineErrorTranslation<TPort, Microsoft.Data.Sqlite.SqliteException>.Wrap(s.GetRequiredService<TEngine>(), SqliteErrorText.Describe));
    }
}
