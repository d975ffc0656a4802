using Microsoft.Extensions.Logging;

namespace Nomarr.Services.Watching;

internal static partial class WatcherLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Watching library {LibraryId} at {Root}")]
    public static partial void Watching(ILogger logger, long libraryId, string root);

    [LoggerMessage(Level = LogLevel.Information, Message = "Library {LibraryId} is watched by {Mode}: {Reason}")]
    public static partial void ModeChosen(ILogger logger, long libraryId, Nomarr.Helpers.Libraries.WatchMode mode, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped watching library {LibraryId}")]
    public static partial void Stopped(ILogger logger, long libraryId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Library {LibraryId} is not watched: {Reason}")]
    public static partial void Degraded(ILogger logger, long libraryId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Library {LibraryId}: changes in {Targets} queued for a scan")]
    public static partial void Queued(ILogger logger, long libraryId, string targets);

    [LoggerMessage(Level = LogLevel.Information, Message = "Library {LibraryId}: periodic full scan queued")]
    public static partial void PeriodicScan(ILogger logger, long libraryId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The periodic scan could not queue the libraries; it tries again at the next period")]
    public static partial void PeriodicScanFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The watcher loop failed to handle {Message}")]
    public static partial void LoopFailed(ILogger logger, Exception exception, string message);
}
