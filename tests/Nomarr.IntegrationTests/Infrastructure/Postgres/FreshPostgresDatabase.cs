using Npgsql;

namespace Nomarr.IntegrationTests.Infrastructure.Postgres;

/// <summary>
/// A new, empty database on the test run's PostgreSQL server, dropped afterwards: a class fixture,
/// so each test class has its own. Where no server can be started, <see cref="ConnectionString"/>
/// skips the test (or, under CI, fails it).
/// </summary>
public sealed class FreshPostgresDatabase : IAsyncLifetime
{
    private Availability? _server;
    private string? _connectionString;

    public string Name { get; } = "nomarr_test_" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>The database's collation: en_US.UTF-8 where the machine has it.</summary>
    public string? Collation => _server?.Collation;

    /// <summary>The connection string of the database; skips the test when there is no server.</summary>
    public string ConnectionString
    {
        get
        {
            if (_connectionString is null)
            {
                var reason = _server?.Reason ?? "PostgreSQL tests skipped: no server";
                if (PostgresServer.Required)
                {
                    throw new InvalidOperationException(reason + " (CI=true: PostgreSQL is required)");
                }

                Skip.If(true, reason);
            }

            return _connectionString!;
        }
    }

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.GetAsync();
        if (_server.AdminConnectionString is not { } admin)
        {
            return;
        }

        await using var connection = new NpgsqlConnection(admin);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await connection.OpenAsync(timeout.Token);
        await Availability.ExecuteAsync(connection, $"CREATE DATABASE {Name} TEMPLATE {_server.Template};", timeout.Token);
        _connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = Name }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (_connectionString is null || _server?.AdminConnectionString is not { } admin)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(admin);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await connection.OpenAsync(timeout.Token);
        await Availability.ExecuteAsync(connection, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE);", timeout.Token);
    }
}
