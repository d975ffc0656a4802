namespace Nomarr.Persistence;

/// <summary>Orders tables so that each comes after the tables it refers to (a topological sort; ties by name).</summary>
public static class TableOrder
{
    public static IReadOnlyList<string> ParentsFirst(IReadOnlyList<string> tables, IReadOnlyDictionary<string, List<string>> parents)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(parents);
        var ordered = new List<string>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var remaining = tables.Order(StringComparer.Ordinal).ToList();
        while (remaining.Count > 0)
        {
            var next = remaining.FirstOrDefault(t => !parents.TryGetValue(t, out var p) || p.All(x => placed.Contains(x) || !tables.Contains(x)))
                       ?? remaining[0]; // a cycle: take it as it comes
            ordered.Add(next);
            placed.Add(next);
            remaining.Remove(next);
        }

        return ordered;
    }
}
