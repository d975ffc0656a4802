using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nomarr.Helpers.Errors;
using Nomarr.Helpers.Options;
using Nomarr.Helpers.Scanning;
using Nomarr.Services.Libraries;
using Nomarr.Services.Scanning;

namespace Nomarr.Services.Watching;

/// <summary>
/// Queues a full scan of every library each Scanner:PeriodicScanHours (0 turns it off): the safety
/// net for what no watcher sees, such as changes made on a network share by another machine.
/// </summary>
internal sealed class PeriodicScanService(
    LibraryCatalog libraries, ScanIntake intake, IOptions<ScannerOptions> options, TimeProvider time, ILogger<PeriodicScanService> logger)
    : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private PeriodicTimer? _timer;

    /// <summary>The loop; complete at once when the periodic scan is off.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.PeriodicScanHours > 0)
        {
            // Made here rather than in the loop, so that the period starts when the service does.
            _timer = new PeriodicTimer(TimeSpan.FromHours(options.Value.PeriodicScanHours), time);
            Completion = RunAsync(_timer, _stopping.Token);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await Completion.WaitAsync(cancellationToken);
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _stopping.Dispose();
    }

    private async Task RunAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await ScanAllAsync(cancellationToken);
                }
                catch (Exception ex) when (ex.IsNotStop(cancellationToken))
                {
                    // One failed round (a busy or unreachable database) must not end the periodic scans for good.
                    WatcherLog.PeriodicScanFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task ScanAllAsync(CancellationToken cancellationToken)
    {
        foreach (var library in await libraries.ListAsync(cancellationToken))
        {
            try
            {
                await intake.EnqueueAsync([new ScanTarget(library.Id)], cancellationToken);
                WatcherLog.PeriodicScan(logger, library.Id);
            }
            catch (LibraryNotFoundException)
            {
                // Removed since it was listed.
            }
        }
    }
}
