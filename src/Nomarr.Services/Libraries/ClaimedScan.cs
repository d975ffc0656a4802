using Nomarr.Helpers.Scanning;

namespace Nomarr.Services.Libraries;

/// <summary>What the queue hands to a scan once it holds the library: the targets, and the run recorded for them.</summary>
internal sealed record ClaimedScan(long RunId, IReadOnlyList<ScanTarget> Targets);
