using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Nomarr.Helpers.Options;
using Nomarr.Persistence.Sqlite;

namespace Nomarr.Persistence;

public static class PersistenceExtensions
{
    /// <summary>Registers the database named by the "Database" section (SQLite, the embedded default).</summary>
    public static IHostApplicationBuilder AddNomarrPersistence(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SqliteDatabase>();
        builder.Services.AddSingleton<ILibraryRepository, SqliteLibraryRepository>();
        builder.Services.AddSingleton<ILibraryFileRepository, SqliteLibraryFileRepository>();
        builder.Services.AddSingleton<IScanRunRepository, SqliteScanRunRepository>();
        builder.Services.AddSingleton<IPendingScanRepository, SqlitePendingScanRepository>();
        builder.Services.AddSingleton<IFileChangeLog, SqliteFileChangeLog>();
        builder.Services.TryAddSingleton<IFileChangeListener, NoFileChangeListener>();
        return builder;
    }
}
