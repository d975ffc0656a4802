namespace Nomarr.Persistence.Sqlite;

/// <summary>SQLite sends no signals: a reader waits out its timeout and reads the ledger again.</summary>
internal sealed class SqliteScanSignals(TimeProvider time) : IScanSignals
{
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await Task.Delay(timeout, time, cancellationToken);
        return false;
    }
}
