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
    LibraryService libraries, ScanScheduler scheduler, IOptions<ScannerOptions> options, TimeProvider time, ILogger<PeriodicScanService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.PeriodicScanHours <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromHours(options.Value.PeriodicScanHours), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await ScanAllAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ScanAllAsync(CancellationToken cancellationToken)
    {
        foreach (var library in await libraries.ListLibrariesAsync(cancellationToken))
        {
            try
            {
                await scheduler.EnqueueAsync([new ScanTarget(library.Id)], cancellationToken);
                WatcherLog.PeriodicScan(logger, library.Id);
            }
            catch (LibraryNotFoundException)
            {
                // Removed since it was listed.
            }
        }
    }
}
