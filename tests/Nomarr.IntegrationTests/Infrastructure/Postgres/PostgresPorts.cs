using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nomarr.Helpers.Options;
using Nomarr.Persistence;
using Nomarr.Persistence.Postgres;

namespace Nomarr.IntegrationTests.Infrastructure.Postgres;

/// <summary>The PostgreSQL engine's ports on one database, as the composition root registers them.</summary>
public sealed class PostgresPorts : IDisposable
{
    private readonly IHost _host;

    public PostgresPorts(string connectionString)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "postgres",
            ["Database:ConnectionString"] = connectionString,
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);
        builder.AddNomarrPostgres();
        _host = builder.Build();
    }

    public ILibraryRepository Libraries => _host.Services.GetRequiredService<ILibraryRepository>();

    public ILibraryFileRepository Files => _host.Services.GetRequiredService<ILibraryFileRepository>();

    public IScanRunRepository ScanRuns => _host.Services.GetRequiredService<IScanRunRepository>();

    public IPendingScanRepository Pending => _host.Services.GetRequiredService<IPendingScanRepository>();

    public void Dispose() => _host.Dispose();
}
