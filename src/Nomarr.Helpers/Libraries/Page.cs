namespace Nomarr.Helpers.Libraries;

/// <summary>One page of a longer result and the total number of matches.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, long Total);
