using Microsoft.Extensions.Options;
using Nomarr.Helpers.Errors;
using Nomarr.Helpers.Libraries;
using Nomarr.Helpers.Options;
using Nomarr.Persistence;

namespace Nomarr.Services.Changes;

/// <summary>
/// The change feed: every change to a file record, in order, after a cursor. A consumer that reads
/// it from 0 and applies each change ends with the records the file listing shows. Changes older
/// than <see cref="ChangesOptions.RetentionDays"/> are pruned as the feed is read.
/// </summary>
public sealed class ChangeFeedService(IFileChangeLog log, IOptions<ChangesOptions> options, TimeProvider time)
{
    public const int MaxLimit = 10_000;

    /// <exception cref="ChangeCursorExpiredException">Changes after <paramref name="since"/> were pruned.</exception>
    /// <exception cref="ArgumentException">A negative cursor or a limit out of range.</exception>
    public async Task<ChangePage> ReadAsync(long since, int limit, CancellationToken cancellationToken)
    {
        if (since < 0)
        {
            throw new ArgumentException("since is 0 or more.", nameof(since));
        }

        if (limit is < 1 or > MaxLimit)
        {
            throw new ArgumentException($"limit is between 1 and {MaxLimit}.", nameof(limit));
        }

        await log.PruneAsync(time.GetUtcNow() - TimeSpan.FromDays(options.Value.RetentionDays), cancellationToken);
        var page = await log.ReadAsync(since, limit, cancellationToken);
        return page.Expired ? throw new ChangeCursorExpiredException(since) : page;
    }
}
