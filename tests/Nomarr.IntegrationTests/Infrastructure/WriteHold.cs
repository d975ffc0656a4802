using Microsoft.Extensions.DependencyInjection;
using Nomarr.Helpers.Libraries;
using Nomarr.Persistence;

namespace Nomarr.IntegrationTests.Infrastructure;

/// <summary>
/// Pins a scan of a `nomarr serve` test host in the middle of its writes, however fast the machine: once
/// armed, it takes SQLite's write lock right after the next commit that changed files, on the thread that
/// committed it (the scan's writer), before that thread can begin its next write. The scan cannot write again
/// until the lock is released. It sits around the change publisher, whose events still go out.
/// </summary>
public sealed class WriteHold(string databasePath)
{
    private readonly TaskCompletionSource<DatabaseWriteLock> _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _armed;

    /// <summary>The lock, once taken; dispose of it to let the scan go on.</summary>
    public Task<DatabaseWriteLock> Held => _held.Task;

    public void Arm() => Volatile.Write(ref _armed, 1);

    /// <summary>For <see cref="ServeHost.StartAsync"/>'s services: puts the hold around the registered change listener.</summary>
    public void AddTo(IServiceCollection services)
    {
        var original = services.Last(d => d.ServiceType == typeof(IFileChangeListener));
        services.Remove(original);
        services.AddSingleton<IFileChangeListener>(provider => new Listener(
            this,
            original.ImplementationInstance as IFileChangeListener
                ?? (IFileChangeListener)(original.ImplementationFactory?.Invoke(provider) ?? ActivatorUtilities.CreateInstance(provider, original.ImplementationType!))));
    }

    private void AfterCommit()
    {
        if (Interlocked.CompareExchange(ref _armed, 0, 1) == 1)
        {
            _held.SetResult(DatabaseWriteLock.Take(databasePath));
        }
    }

    private sealed class Listener(WriteHold hold, IFileChangeListener inner) : IFileChangeListener
    {
        public void Committed(IReadOnlyList<ChangeBatch> batches)
        {
            inner.Committed(batches);
            hold.AfterCommit();
        }
    }
}
