using System.Text.Json;
using Nomarr.Helpers.Json;
using Nomarr.Helpers.Nodes;
using Npgsql;
using NpgsqlTypes;

namespace Nomarr.Persistence.Postgres;

internal sealed class PgNodeRegistry(PostgresDatabase database) : INodeRegistry
{
    public async Task HeartbeatAsync(string name, DateTimeOffset startedAt, string version, IReadOnlyList<long> serves, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"""
            INSERT INTO nodes (name, started_at, heartbeat_ms, version, serves) VALUES (@name, @started, {PgClock.NowMs}, @version, @serves)
            ON CONFLICT (name) DO UPDATE SET started_at = excluded.started_at, heartbeat_ms = excluded.heartbeat_ms,
                version = excluded.version, serves = excluded.serves;
            """,
            connection);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("started", PgTime.Write(startedAt));
        command.Parameters.AddWithValue("version", version);
        command.Parameters.Add(new NpgsqlParameter("serves", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(serves, NomarrJson.Options) });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<NodeInfo>> ListAsync(TimeSpan goneAfter, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"SELECT name, started_at, heartbeat_ms, version, serves, heartbeat_ms > {PgClock.NowMs} - @gone_ms FROM nodes ORDER BY name COLLATE \"C\";", connection);
        command.Parameters.AddWithValue("gone_ms", (long)goneAfter.TotalMilliseconds);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var nodes = new List<NodeInfo>();
        while (await reader.ReadAsync(cancellationToken))
        {
            nodes.Add(new NodeInfo(
                reader.GetString(0),
                reader.GetFieldValue<DateTimeOffset>(1),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                reader.GetString(3),
                reader.GetBoolean(5),
                JsonSerializer.Deserialize<long[]>(reader.GetString(4), NomarrJson.Options) ?? []));
        }

        return nodes;
    }
}
