using Nomarr.IntegrationTests.Persistence.Contracts;
using Npgsql;

namespace Nomarr.IntegrationTests.Persistence.Postgres;

/// <summary>LISTEN/NOTIFY on a real server: a change of a run wakes a listener at once, and a lost listening connection comes back.</summary>
public sealed class PostgresScanSignalsTests() : PortContract(new PostgresContractEngine())
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task ARequestWakesAListenerAndALostConnectionListensAgain()
    {
        var library = await AddLibraryAsync();

        // The first signal says "listening now: read what happened before".
        Assert.True(await Database.Signals.WaitAsync(Generous, default));
        await DrainAsync();

        await Database.Ledger.RequestAsync(library.Id, ["Rock"], Start, default);
        Assert.True(await Database.Signals.WaitAsync(Generous, default));
        await DrainAsync();

        // A heartbeat or a lease renewal is no news.
        await Database.Nodes.HeartbeatAsync("node-a", Start, "1", [], default);
        Assert.False(await Database.Signals.WaitAsync(TimeSpan.FromMilliseconds(500), default));

        await using (var admin = new NpgsqlConnection(ConnectionString()))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid();", admin);
            Assert.NotNull(await kill.ExecuteScalarAsync());
        }

        Assert.True(await Database.Signals.WaitAsync(Generous, default));
        await DrainAsync();
        await Database.Ledger.RequestAsync(library.Id, ["Jazz"], Start, default);
        Assert.True(await Database.Signals.WaitAsync(Generous, default));
    }

    private async Task DrainAsync()
    {
        while (await Database.Signals.WaitAsync(TimeSpan.FromMilliseconds(300), default))
        {
        }
    }

    private string ConnectionString() =>
        ((Microsoft.Extensions.Options.IOptions<Nomarr.Helpers.Options.DatabaseOptions>)Database.Services.GetService(
            typeof(Microsoft.Extensions.Options.IOptions<Nomarr.Helpers.Options.DatabaseOptions>))!).Value.ConnectionString!;
}
