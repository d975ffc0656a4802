using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nomarr.IntegrationTests.Infrastructure.Postgres;
using Nomarr.IntegrationTests.Persistence.Contracts;
using Nomarr.Persistence.Postgres;
using Npgsql;

namespace Nomarr.IntegrationTests.Persistence.Postgres;

/// <summary>
/// Each database is a new one on the test run's PostgreSQL server (in en_US.UTF-8 where the machine
/// has that locale), dropped afterwards. Without a server the test is skipped, or fails under CI.
/// </summary>
public sealed class PostgresContractEngine : IContractEngine
{
    public async Task<ContractDatabase> CreateDatabaseAsync()
    {
        var database = new FreshPostgresDatabase();
        await database.InitializeAsync();
        return new PostgresContractDatabase(database);
    }

    private sealed class PostgresContractDatabase : ContractDatabase
    {
        private readonly FreshPostgresDatabase _database;
        private readonly IHost _host;

        public PostgresContractDatabase(FreshPostgresDatabase database)
        {
            _database = database;
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "postgres",
                ["Database:ConnectionString"] = database.ConnectionString,
            });
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.AddNomarrPostgres();
            _host = builder.Build();
        }

        public override IServiceProvider Services => _host.Services;

        public override async ValueTask DisposeAsync()
        {
            _host.Dispose();
            NpgsqlConnection.ClearAllPools();
            await _database.DisposeAsync();
        }
    }
}
