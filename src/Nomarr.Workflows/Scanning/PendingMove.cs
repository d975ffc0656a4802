using Nomarr.Helpers.Libraries;

namespace Nomarr.Workflows.Scanning;

/// <summary>A new file held back by the writer because stored files share one of its keys: a move, perhaps.</summary>
internal sealed record PendingMove(FileRecord Record, IReadOnlyList<MoveCandidate> Candidates);
