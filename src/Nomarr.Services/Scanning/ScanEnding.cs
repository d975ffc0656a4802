using Nomarr.Helpers.Scanning;

namespace Nomarr.Services.Scanning;

/// <summary>
/// How a worker's turn on a library ended: the run's status to publish (null: no run was claimed),
/// the error that ended it, whether to log it, and when to try the library again (null: not on this account).
/// </summary>
internal sealed record ScanEnding(ScanRunStatus? Status, Exception? Error, bool Log, TimeSpan? RetryAfter);
