using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nomarr.IntegrationTests.Persistence.Contracts;
using Nomarr.Persistence.Sqlite;

namespace Nomarr.IntegrationTests.Persistence.Sqlite;

/// <summary>Each database is a new SQLite file in the temporary folder, deleted with its WAL files afterwards.</summary>
public sealed class SqliteContractEngine : IContractEngine
{
    public Task<ContractDatabase> CreateDatabaseAsync() => Task.FromResult<ContractDatabase>(new SqliteContractDatabase());

    private sealed class SqliteContractDatabase : ContractDatabase
    {
        private readonly IHost _host;
        private readonly string _path = Path.Combine(Path.GetTempPath(), "nomarr-contract-" + Guid.NewGuid().ToString("N") + ".db");

        public SqliteContractDatabase()
        {
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Path"] = _path });
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.AddNomarrSqlite();
            _host = builder.Build();
        }

        public override IServiceProvider Services => _host.Services;

        public override ValueTask DisposeAsync()
        {
            _host.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(_path + suffix);
            }

            return ValueTask.CompletedTask;
        }
    }
}
