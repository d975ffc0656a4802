using System.Runtime.CompilerServices;

namespace Nomarr.Persistence.Sqlite;

/// <summary>The tables of the SQLite file, read as stored (times as text, booleans as 0 and 1), for `nomarr db copy`.</summary>
internal sealed class SqliteTables(SqliteDatabase database) : IDatabaseTables
{
    public string Engine => "sqlite";

    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var tables = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            // Plain tables only: the text search index (a virtual table and its shadow tables) is rebuilt from library_files.
            command.CommandText = "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> 'schema_version' ORDER BY name;";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                tables.Add(reader.GetString(0));
            }
        }

        var parents = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list($table);";
            command.Parameters.AddWithValue("$table", table);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            parents[table] = [];
            while (await reader.ReadAsync(cancellationToken))
            {
                parents[table].Add(reader.GetString(0));
            }
        }

        return TableOrder.ParentsFirst(tables, parents);
    }

    public async Task<IReadOnlyList<string>> ColumnsAsync(string table, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM pragma_table_info($table) ORDER BY cid;";
        command.Parameters.AddWithValue("$table", table);
        var columns = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }

    public async Task<long> CountAsync(string table, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {Quote(table)};";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async IAsyncEnumerable<object?[]> ReadAsync(string table, IReadOnlyList<string> columns, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", columns.Select(Quote))} FROM {Quote(table)};";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new object?[columns.Count];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            yield return row;
        }
    }

    public Task<long> WriteAsync(string table, IReadOnlyList<string> columns, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken) =>
        throw new NotSupportedException("a copy into SQLite is not supported: copy from SQLite to PostgreSQL");

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
