using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Nomarr.Helpers.Options;
using Nomarr.Persistence.Postgres;
using Nomarr.Persistence.Sqlite;

namespace Nomarr.Cli.Hosting;

/// <summary>
/// Picks the database engine behind the persistence ports: Database:Provider, "sqlite" (the default)
/// or "postgres". The composition root is the only code that knows an engine; every layer below
/// speaks to the ports of Nomarr.Persistence.
/// </summary>
internal static class DatabaseEngine
{
    public static IHostApplicationBuilder AddNomarrDatabase(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var provider = builder.Configuration[DatabaseOptions.Section + ":" + nameof(DatabaseOptions.Provider)];
        return new DatabaseOptions { Provider = provider ?? "sqlite" }.IsPostgres ? builder.AddNomarrPostgres() : builder.AddNomarrSqlite();
    }

    /// <summary>The ports of one named database alone, whatever the settings say (`nomarr db copy`).</summary>
    public static IHost BuildFor(DatabaseAddress address, ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(address);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(address.Settings());
        CliHost.ConfigureLogging(builder.Logging, builder.Configuration, parseResult, serving: false);
        builder.AddNomarrDatabase();
        return builder.Build();
    }
}
