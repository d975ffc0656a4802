using Nomarr.Helpers.Scanning;

namespace Nomarr.Cli.Output;

/// <summary>One recorded scan with the files it could not read and why, as `nomarr scans show` prints it.</summary>
internal sealed record ScanRunDetails(
    ScanRunView Scan,
    IReadOnlyList<ScanFailure> Failures,
    IReadOnlyList<string> UnreadableFolders,
    string? HeldBackReason)
{
    public static ScanRunDetails From(ScanRun run) =>
        new(ScanRunView.From(run), run.Result?.Failures ?? [], run.Result?.UnreadableFolders ?? [], run.Result?.HeldBackReason);
}
