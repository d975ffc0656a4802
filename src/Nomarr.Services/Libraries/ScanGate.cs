using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Nomarr.Helpers.Errors;
using Nomarr.Helpers.Options;
using Nomarr.Persistence;

namespace Nomarr.Services.Libraries;

/// <summary>
/// One scan per library: a flag for this process, and a lease in the database for every other
/// process sharing it. The lease is renewed on a timer while the scan runs; a process that dies
/// stops renewing, and its lease lapses after Scanner:LeaseSeconds.
/// </summary>
public sealed class ScanGate(ILibraryRepository libraries, IOptions<ScannerOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<long, byte> _running = new();
    private readonly string _owner = LeaseOwner.ForThisProcess();

    public bool IsRunning(long libraryId) => _running.ContainsKey(libraryId);

    /// <exception cref="ScanAlreadyRunningException">A scan of the library runs here or in another process.</exception>
    public async Task<IAsyncDisposable> EnterAsync(long libraryId, CancellationToken cancellationToken)
    {
        if (!_running.TryAdd(libraryId, 0))
        {
            throw new ScanAlreadyRunningException(libraryId);
        }

        try
        {
            if (!await RenewAsync(libraryId, cancellationToken) && !await TakeOverFromDeadProcessAsync(libraryId, cancellationToken))
            {
                throw new ScanAlreadyRunningException(libraryId);
            }
        }
        catch
        {
            _running.TryRemove(libraryId, out _);
            throw;
        }

        var period = TimeSpan.FromSeconds(options.Value.LeaseSeconds) / 3;
        var timer = time.CreateTimer(_ => _ = RenewQuietlyAsync(libraryId), null, period, period);
        return new Pass(this, libraryId, timer);
    }

    private Task<bool> RenewAsync(long libraryId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return libraries.TryAcquireScanLeaseAsync(libraryId, _owner, now, now.AddSeconds(options.Value.LeaseSeconds), cancellationToken);
    }

    /// <summary>
    /// A lease held by a process of this machine that no longer exists (killed, crashed) is taken
    /// over at once instead of after its expiry, so that the next scan can resume the interrupted one.
    /// </summary>
    private async Task<bool> TakeOverFromDeadProcessAsync(long libraryId, CancellationToken cancellationToken)
    {
        var holder = await libraries.GetScanLeaseOwnerAsync(libraryId, cancellationToken);
        if (holder is null || !LeaseOwner.IsDeadLocalProcess(holder))
        {
            return false;
        }

        return await libraries.TakeOverScanLeaseAsync(libraryId, holder, _owner, time.GetUtcNow().AddSeconds(options.Value.LeaseSeconds), cancellationToken);
    }

    private async Task RenewQuietlyAsync(long libraryId)
    {
        try
        {
            await RenewAsync(libraryId, CancellationToken.None);
        }
#pragma warning disable CA1031 // A renewal that fails (a busy database) is retried on the next tick; the lease outlives two misses.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private async ValueTask ExitAsync(long libraryId, ITimer timer)
    {
        await timer.DisposeAsync();
        try
        {
            await libraries.ReleaseScanLeaseAsync(libraryId, _owner, CancellationToken.None);
        }
        finally
        {
            _running.TryRemove(libraryId, out _);
        }
    }

    private sealed class Pass(ScanGate gate, long libraryId, ITimer timer) : IAsyncDisposable
    {
        private int _disposed;

        public ValueTask DisposeAsync() =>
            Interlocked.Exchange(ref _disposed, 1) == 0 ? gate.ExitAsync(libraryId, timer) : ValueTask.CompletedTask;
    }
}
