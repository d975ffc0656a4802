namespace Nomarr.Helpers.Libraries;

/// <summary>One page of a longer result and the total number of matches.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, long Total);

/// <summary>What a page of a query says of its total.</summary>
public static class Pages
{
    /// <summary>
    /// The total a page already tells: a page that holds fewer rows than asked for is the last one, so the
    /// total is its offset plus its rows, and nothing need be counted (for a search, nothing matched twice).
    /// Null when a count is needed: a full page, or an empty one past the first.
    /// </summary>
    public static long? TotalFrom(int offset, int limit, int rows) =>
        rows < limit && (rows > 0 || offset == 0) ? offset + rows : null;
}
