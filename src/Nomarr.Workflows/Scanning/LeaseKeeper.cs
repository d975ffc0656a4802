using Microsoft.Extensions.Logging;
using Nomarr.Persistence;

namespace Nomarr.Workflows.Scanning;

/// <summary>
/// Renews a scan's lease every third of its length while the scan runs. A renewal the ledger refuses
/// (the lease expired on the database's clock, or another process took it over) cancels the scan at
/// once: <see cref="Token"/> is cancelled and <see cref="LostReason"/> says why. A renewal that fails
/// (a busy database) is logged and retried on the next tick; the lease outlives two misses.
/// </summary>
internal sealed partial class LeaseKeeper : IAsyncDisposable
{
    private readonly IScanLedger _ledger;
    private readonly ScanClaim _claim;
    private readonly TimeSpan _leaseFor;
    private readonly CancellationTokenSource _lost;
    private readonly ITimer _timer;
    private readonly ILogger _logger;
    private int _renewing;

    public LeaseKeeper(IScanLedger ledger, ScanClaim claim, TimeSpan leaseFor, TimeProvider time, ILogger logger, CancellationToken scan)
    {
        _ledger = ledger;
        _logger = logger;
        _claim = claim;
        _leaseFor = leaseFor;
        _lost = CancellationTokenSource.CreateLinkedTokenSource(scan);
        var period = leaseFor / 3;
        _timer = time.CreateTimer(_ => _ = RenewAsync(), null, period, period);
    }

    /// <summary>The scan's token: cancelled by the scan's own token, or when the lease is lost.</summary>
    public CancellationToken Token => _lost.Token;

    public string? LostReason { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await _timer.DisposeAsync();
        _lost.Dispose();
    }

    private async Task RenewAsync()
    {
        if (Interlocked.Exchange(ref _renewing, 1) == 1 || LostReason is not null)
        {
            return;
        }

        try
        {
            if (!await _ledger.RenewAsync(_claim, _leaseFor, CancellationToken.None))
            {
                LostReason = $"its lease on library {_claim.LibraryId} was lost (it expired, or another process took the library over)";
                await _lost.CancelAsync();
            }
        }
#pragma warning disable CA1031 // A renewal that fails is retried on the next tick; a lost lease is seen by the next write anyway.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogRenewalFailed(ex, _claim.RunId, _claim.LibraryId);
        }
        finally
        {
            Volatile.Write(ref _renewing, 0);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scan {ScanId} could not renew its lease on library {LibraryId}; it tries again at the next renewal")]
    private partial void LogRenewalFailed(Exception exception, long scanId, long libraryId);
}
