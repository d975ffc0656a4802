namespace Nomarr.Persistence;

/// <summary>
/// Every table of a database as rows of plain values, so that a database can be copied to another
/// engine (`nomarr db copy`). Values are as the engine stores them (long, double, string, bool,
/// DateTimeOffset, byte[] or null): a writer converts each to its own column's type.
/// </summary>
public interface IDatabaseTables
{
    string Engine { get; }

    /// <summary>The tables that hold data (not the schema's own bookkeeping), each before those that refer to it.</summary>
    Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> ColumnsAsync(string table, CancellationToken cancellationToken);

    Task<long> CountAsync(string table, CancellationToken cancellationToken);

    /// <summary>The rows of a table, values in the order of <paramref name="columns"/>.</summary>
    IAsyncEnumerable<object?[]> ReadAsync(string table, IReadOnlyList<string> columns, CancellationToken cancellationToken);

    /// <summary>
    /// Writes rows as they are, ids included, in one bulk load; afterwards new rows take ids past the
    /// copied ones. Returns how many were written.
    /// </summary>
    Task<long> WriteAsync(string table, IReadOnlyList<string> columns, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken);
}
