namespace Nomarr.Workflows.Scanning;

/// <summary>How many files were marked missing, or held back and why.</summary>
internal sealed record MissingOutcome(int Marked, int HeldBack, string? HeldBackReason);
