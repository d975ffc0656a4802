using Microsoft.Extensions.Hosting;
using Nomarr.Persistence.Sqlite;

namespace Nomarr.Cli.Hosting;

/// <summary>
/// Picks the database engine behind the persistence ports. The composition root is the only code
/// that knows an engine; every layer below speaks to the ports of Nomarr.Persistence.
/// </summary>
internal static class DatabaseEngine
{
    public static IHostApplicationBuilder AddNomarrDatabase(this IHostApplicationBuilder builder) => builder.AddNomarrSqlite();
}
