namespace Nomarr.Persistence;

/// <summary>Exact counts of one batch write.</summary>
public readonly record struct UpsertCounts(int Inserted, int Updated);
