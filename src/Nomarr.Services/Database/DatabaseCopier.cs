using Nomarr.Helpers.Errors;
using Nomarr.Persistence;

namespace Nomarr.Services.Database;

/// <summary>
/// Copies every table of one database into an empty one of another engine, ids included, and
/// checks the row counts at the end (`nomarr db copy`).
/// </summary>
public static class DatabaseCopier
{
    public static async Task<IReadOnlyList<CopiedTable>> CopyAsync(IDatabaseTables source, IDatabaseTables target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        var sourceTables = await source.ListAsync(cancellationToken);
        var targetTables = await target.ListAsync(cancellationToken);
        foreach (var table in targetTables)
        {
            if (await target.CountAsync(table, cancellationToken) is > 0 and var rows)
            {
                throw new DatabaseCopyException($"the target {target.Engine} database is not empty ({table} holds {rows} rows): copy into a new database");
            }
        }

        var unknown = sourceTables.Where(t => !targetTables.Contains(t, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            throw new DatabaseCopyException($"the target {target.Engine} database has no table {string.Join(", ", unknown)}: are both at the same schema version?");
        }

        // The target's order: each table after those its foreign keys refer to.
        var copied = new List<CopiedTable>();
        foreach (var table in targetTables.Where(t => sourceTables.Contains(t, StringComparer.Ordinal)))
        {
            var columns = await source.ColumnsAsync(table, cancellationToken);
            var written = await target.WriteAsync(table, columns, source.ReadAsync(table, columns, cancellationToken), cancellationToken);
            copied.Add(new CopiedTable(table, written));
        }

        foreach (var table in copied)
        {
            var inSource = await source.CountAsync(table.Name, cancellationToken);
            var inTarget = await target.CountAsync(table.Name, cancellationToken);
            if (inSource != inTarget || inTarget != table.Rows)
            {
                throw new DatabaseCopyException($"{table.Name}: {inSource} rows in the source, {inTarget} in the target after the copy");
            }
        }

        return copied;
    }
}

public sealed record CopiedTable(string Name, long Rows);
