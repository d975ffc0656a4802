using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nomarr.Helpers.Errors;
using Nomarr.Services.Scanning;

namespace Nomarr.Services.Libraries;

/// <summary>
/// When the service starts, queues the scans that a previous run left interrupted. They go through
/// the scan queue like any request, so they show up with a scan id, live progress, and can be cancelled.
/// </summary>
internal sealed partial class InterruptedScanResumer(LibraryCatalog libraries, ScanHistory history, ScanIntake intake, ILogger<InterruptedScanResumer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            foreach (var library in await libraries.ListAsync(stoppingToken))
            {
                try
                {
                    if (await history.InterruptedTargetsAsync(library.Id, stoppingToken) is { } targets)
                    {
                        var ticket = await intake.RequestAsync(targets, stoppingToken);
                        LogResuming(library.Id, ticket.ScanId);
                    }
                }
                catch (Exception ex) when (ex.IsNotStop(stoppingToken))
                {
                    // One library that cannot be resumed (gone, unreadable, a database error) leaves the others to be.
                    LogResumeFailed(ex, library.Id);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Library {LibraryId}: its interrupted scan is resumed by scan {ScanId}")]
    private partial void LogResuming(long libraryId, long scanId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Library {LibraryId}: its interrupted scan could not be resumed at start-up")]
    private partial void LogResumeFailed(Exception exception, long libraryId);
}
