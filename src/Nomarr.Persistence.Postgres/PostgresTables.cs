using System.Globalization;
using System.Runtime.CompilerServices;
using Npgsql;
using NpgsqlTypes;

namespace Nomarr.Persistence.Postgres;

/// <summary>
/// The tables of the PostgreSQL database, read and bulk-loaded with binary COPY. A value is
/// converted to its column's type: SQLite's time text to timestamptz, its 0 and 1 to boolean, its
/// JSON text to jsonb.
/// </summary>
internal sealed class PostgresTables(PostgresDatabase database) : IDatabaseTables
{
    public string Engine => "postgres";

    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var tables = new List<string>();
        var parents = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(
            "SELECT c.relname FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND c.relname <> 'schema_version' ORDER BY c.relname;",
            connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                tables.Add(reader.GetString(0));
                parents[reader.GetString(0)] = [];
            }
        }

        await using (var command = new NpgsqlCommand(
            "SELECT conrelid::regclass::text, confrelid::regclass::text FROM pg_constraint WHERE contype = 'f' AND connamespace = current_schema()::regnamespace;",
            connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (parents.TryGetValue(reader.GetString(0), out var list) && reader.GetString(0) != reader.GetString(1))
                {
                    list.Add(reader.GetString(1));
                }
            }
        }

        return TableOrder.ParentsFirst(tables, parents);
    }

    public async Task<IReadOnlyList<string>> ColumnsAsync(string table, CancellationToken cancellationToken) =>
        (await ColumnTypesAsync(table, cancellationToken)).Select(c => c.Name).ToList();

    public async Task<long> CountAsync(string table, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {Quote(table)};", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async IAsyncEnumerable<object?[]> ReadAsync(string table, IReadOnlyList<string> columns, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT {string.Join(", ", columns.Select(Quote))} FROM {Quote(table)} ORDER BY 1;", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new object?[columns.Count];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null
                    : reader.GetDataTypeName(i) is "timestamp with time zone" ? reader.GetFieldValue<DateTimeOffset>(i)
                    : reader.GetDataTypeName(i) is "jsonb" or "json" ? reader.GetString(i)
                    : reader.GetValue(i);
            }

            yield return row;
        }
    }

    public async Task<long> WriteAsync(string table, IReadOnlyList<string> columns, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var types = (await ColumnTypesAsync(table, cancellationToken)).ToDictionary(c => c.Name, c => c.Type, StringComparer.Ordinal);
        var missing = columns.FirstOrDefault(c => !types.ContainsKey(c));
        if (missing is not null)
        {
            throw new InvalidOperationException($"the PostgreSQL table {table} has no column {missing}: are both databases at the same schema version?");
        }

        var columnTypes = columns.Select(c => types[c]).ToArray();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Copied records bring their own change log: the log's triggers stand aside for this transaction.
        await using (var copying = new NpgsqlCommand("SELECT set_config('nomarr.copying', 'on', true);", connection, transaction))
        {
            await copying.ExecuteNonQueryAsync(cancellationToken);
        }

        ulong written;
        await using (var importer = await connection.BeginBinaryImportAsync(
            $"COPY {Quote(table)} ({string.Join(", ", columns.Select(Quote))}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                await importer.StartRowAsync(cancellationToken);
                for (var i = 0; i < row.Length; i++)
                {
                    if (row[i] is null)
                    {
                        await importer.WriteNullAsync(cancellationToken);
                    }
                    else
                    {
                        var (value, type) = Convert(row[i]!, columnTypes[i], table, columns[i]);
                        await importer.WriteAsync(value, type, cancellationToken);
                    }
                }
            }

            written = await importer.CompleteAsync(cancellationToken);
        }

        await ContinueIdsAsync(connection, table, cancellationToken);
        await ContinueChangeLogAsync(connection, table, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (long)written;
    }

    // An identity column continues past the largest id copied.
    private static async Task ContinueIdsAsync(NpgsqlConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT a.attname FROM pg_attribute a WHERE a.attrelid = @table::regclass AND a.attidentity <> '' AND NOT a.attisdropped;", connection);
        command.Parameters.AddWithValue("table", table);
        var identities = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                identities.Add(reader.GetString(0));
            }
        }

        foreach (var column in identities)
        {
            await using var advance = new NpgsqlCommand(
                $"SELECT setval(pg_get_serial_sequence(@table, @column), COALESCE((SELECT max({Quote(column)}) FROM {Quote(table)}), 0) + 1, false);", connection);
            advance.Parameters.AddWithValue("table", table);
            advance.Parameters.AddWithValue("column", column);
            await advance.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    // The log's numbers continue past every number used, pruned ones included (a log pruned to
    // nothing still has its floor), so that no reader's cursor meets a number twice.
    private static async Task ContinueChangeLogAsync(NpgsqlConnection connection, string table, CancellationToken cancellationToken)
    {
        if (table is not ("file_changes" or "file_changes_pruned"))
        {
            return;
        }

        await using var advance = new NpgsqlCommand(
            "SELECT setval(pg_get_serial_sequence('file_changes', 'seq'), GREATEST(" +
            "COALESCE((SELECT max(seq) FROM file_changes), 0), COALESCE((SELECT through_seq FROM file_changes_pruned WHERE id = 1), 0)) + 1, false);",
            connection);
        await advance.ExecuteNonQueryAsync(cancellationToken);
    }

    private static (object Value, NpgsqlDbType Type) Convert(object value, string columnType, string table, string column) => columnType switch
    {
        "bigint" => (System.Convert.ToInt64(value, CultureInfo.InvariantCulture), NpgsqlDbType.Bigint),
        "integer" => (System.Convert.ToInt32(value, CultureInfo.InvariantCulture), NpgsqlDbType.Integer),
        "smallint" => (System.Convert.ToInt16(value, CultureInfo.InvariantCulture), NpgsqlDbType.Smallint),
        "double precision" => (System.Convert.ToDouble(value, CultureInfo.InvariantCulture), NpgsqlDbType.Double),
        "boolean" => (value is bool b ? b : System.Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0, NpgsqlDbType.Boolean),
        "timestamp with time zone" => (PgTime.Write(value switch
        {
            DateTimeOffset time => time,
            string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            _ => throw new InvalidOperationException($"{table}.{column}: {value} is not a time"),
        }), NpgsqlDbType.TimestampTz),
        "jsonb" => (System.Convert.ToString(value, CultureInfo.InvariantCulture)!, NpgsqlDbType.Jsonb),
        "text" => (System.Convert.ToString(value, CultureInfo.InvariantCulture)!, NpgsqlDbType.Text),
        "bytea" => ((byte[])value, NpgsqlDbType.Bytea),
        _ => throw new InvalidOperationException($"{table}.{column}: copying a column of type {columnType} is not supported"),
    };

    private async Task<List<(string Name, string Type)>> ColumnTypesAsync(string table, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @table ORDER BY ordinal_position;",
            connection);
        command.Parameters.AddWithValue("table", table);
        var columns = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            columns.Add((reader.GetString(0), reader.GetString(1)));
        }

        return columns.Count > 0 ? columns : throw new InvalidOperationException($"the PostgreSQL database has no table {table}");
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
