namespace Nomarr.Helpers.Errors;

/// <summary>A change-feed cursor older than the retained log: changes after it were pruned, so the reader must start over.</summary>
public sealed class ChangeCursorExpiredException(long since)
    : Exception($"The change log no longer holds every change after {since} (older changes are pruned). Re-read all files (GET /api/files or `nomarr files --json`), then follow the feed from the cursor that a read of the feed from 0 gives.")
{
    public long Since { get; } = since;
}
