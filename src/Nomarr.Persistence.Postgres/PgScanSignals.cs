using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Nomarr.Persistence.Postgres;

/// <summary>
/// LISTEN nomarr_scans on a connection of its own, which the triggers of migration 11 notify on every
/// change of a run's state, targets or progress and of a library's pin. Notifications between a lost
/// connection and the next LISTEN are lost: each reconnection counts as a signal, so a reader reads
/// the ledger again, and readers poll on their timeout whatever happens.
/// </summary>
internal sealed partial class PgScanSignals(PostgresDatabase database, TimeProvider time, ILogger<PgScanSignals> logger) : IScanSignals, IAsyncDisposable
{
    public const string Channel = "nomarr_scans";

    private static readonly TimeSpan[] Backoff = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)];

    private readonly Channel<bool> _signals = System.Threading.Channels.Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private Task? _listening;

    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _listening ??= Task.Run(() => ListenAsync(_stopping.Token), CancellationToken.None);
        }

        using var waited = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        waited.CancelAfter(timeout);
        try
        {
            return await _signals.Reader.ReadAsync(waited.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_listening is { } listening)
        {
            await listening;
        }

        _stopping.Dispose();
    }

    private async Task ListenAsync(CancellationToken stopping)
    {
        var failures = 0;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await using var connection = await database.OpenListenerAsync(stopping);
                connection.Notification += (_, _) => _signals.Writer.TryWrite(true);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel};", connection))
                {
                    await listen.ExecuteNonQueryAsync(stopping);
                }

                // What changed while nobody listened is read now.
                _signals.Writer.TryWrite(true);
                if (failures > 0)
                {
                    LogListeningAgain(failures);
                }

                failures = 0;
                while (true)
                {
                    await connection.WaitAsync(stopping);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or InvalidOperationException or TimeoutException)
            {
                LogListenFailed(ex, Backoff[Math.Min(failures, Backoff.Length - 1)].TotalSeconds);
                try
                {
                    await Task.Delay(Backoff[Math.Min(failures++, Backoff.Length - 1)], time, stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for other nodes' scans failed; polling meanwhile, listening again in {Seconds} s")]
    private partial void LogListenFailed(Exception exception, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for other nodes' scans again after {Failures} failures")]
    private partial void LogListeningAgain(int failures);
}
