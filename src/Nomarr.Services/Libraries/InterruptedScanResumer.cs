using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nomarr.Helpers.Errors;

namespace Nomarr.Services.Libraries;

/// <summary>When the service starts, resumes the scans that a previous run left interrupted.</summary>
internal sealed partial class InterruptedScanResumer(LibraryService libraries, ILogger<InterruptedScanResumer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            foreach (var library in await libraries.ListLibrariesAsync(stoppingToken))
            {
                try
                {
                    if (await libraries.ResumeInterruptedScanAsync(library.Id, stoppingToken) is { } result)
                    {
                        LogResumed(result.LibraryId, result.ResumedFrom ?? 0, result.ScanId);
                    }
                }
                catch (Exception ex) when (ex is ScanAlreadyRunningException or InvalidLibraryRootException or ScanRefusedException or IOException)
                {
                    LogResumeFailed(ex, library.Id);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Library {LibraryId}: interrupted scan {ResumedFrom} resumed by scan {ScanId}")]
    private partial void LogResumed(long libraryId, long resumedFrom, long scanId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Library {LibraryId}: its interrupted scan could not be resumed at start-up")]
    private partial void LogResumeFailed(Exception exception, long libraryId);
}
