using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Nomarr.IntegrationTests.Infrastructure.Postgres;

/// <summary>
/// The PostgreSQL server of a test run: the one NOMARR_TEST_POSTGRES names (a connection string of a
/// user that may create databases), or else a throw-away server started once for the run. That one is
/// Debian's postgresql package: initdb into a temporary folder, then pg_ctl on a free loopback port,
/// both as an unprivileged user when the tests run as root (PostgreSQL refuses root). A watchdog stops
/// it and deletes the folder when the test process ends, however it ends. See docs/postgres.md.
/// </summary>
public static class PostgresServer
{
    private static readonly Lazy<Task<Availability>> Started = new(StartAsync);

    /// <summary>Under CI, a server that cannot start fails the tests instead of skipping them.</summary>
    public static bool Required => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The admin connection string, or why there is none.</summary>
    public static Task<Availability> GetAsync() => Started.Value;

    private static async Task<Availability> StartAsync()
    {
        try
        {
            if (Environment.GetEnvironmentVariable("NOMARR_TEST_POSTGRES") is { Length: > 0 } configured)
            {
                return await Availability.ReadyAsync(configured);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            return await Availability.ReadyAsync(await ThrowAwayServer.StartAsync(timeout.Token));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var reason = "no server could be started (" + ex.Message.Split('\n')[0].Trim() + ")";

            // test.sh prints this once, where every skipped test would otherwise only say "skipped".
            if (Environment.GetEnvironmentVariable("NOMARR_TEST_REPORT_DIR") is { Length: > 0 } reports && Directory.Exists(reports))
            {
                await File.WriteAllTextAsync(Path.Combine(reports, "postgres-skipped.txt"), "PostgreSQL tests skipped: " + reason + Environment.NewLine);
            }

            return new Availability(null, reason, null);
        }
    }

    /// <summary>A free loopback TCP port, as the kernel hands one out.</summary>
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A server's admin connection string and the template new test databases are copied from, or why it is unavailable.</summary>
public sealed record Availability(string? AdminConnectionString, string? Reason, string? Template)
{
    /// <summary>The collation of the test databases: en_US.UTF-8 when the machine has that locale.</summary>
    public string? Collation { get; init; }

    internal static async Task<Availability> ReadyAsync(string adminConnectionString)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await connection.OpenAsync(timeout.Token);

        // Test databases are copies of one template, made once: in en_US.UTF-8 when the locale is
        // there, whose order is not byte order, which is what folder scopes must be immune to.
        var template = "nomarr_template_" + Guid.NewGuid().ToString("N")[..8];
        string? collation = "en_US.UTF-8";
        try
        {
            await ExecuteAsync(connection, $"CREATE DATABASE {template} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'en_US.UTF-8' LC_CTYPE 'en_US.UTF-8';", timeout.Token);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidParameterValue || ex.SqlState == "22023")
        {
            collation = null;
            await ExecuteAsync(connection, $"CREATE DATABASE {template} TEMPLATE template0 ENCODING 'UTF8';", timeout.Token);
        }

        return new Availability(adminConnectionString, null, template) { Collation = collation };
    }

    internal static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
