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
                var reason = _server?.Reason ?? "no server";
                if (PostgresServer.Required)
                {
                    throw new InvalidOperationException("PostgreSQL is required under CI=true: " + reason);
                }

                Skip.If(true, "PostgreSQL tests skipped: " + reason);
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

/// <summary>The settings and environment that point Nomarr at a PostgreSQL database.</summary>
public static class PostgresSettings
{
    public static Dictionary<string, string?> For(FreshPostgresDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return new() { ["Database:Provider"] = "postgres", ["Database:ConnectionString"] = database.ConnectionString };
    }

    /// <summary>A CLI on the database, configured through NOMARR_* environment variables as a user would.</summary>
    public static CliRunner Cli(FreshPostgresDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var cli = new CliRunner(Path.Combine(Path.GetTempPath(), "nomarr-unused-" + Guid.NewGuid().ToString("N") + ".db"));
        cli.Environment["NOMARR_Database__Provider"] = "postgres";
        cli.Environment["NOMARR_Database__ConnectionString"] = database.ConnectionString;
        return cli;
    }
}
