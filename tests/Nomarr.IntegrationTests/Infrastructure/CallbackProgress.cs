using Nomarr.Helpers.Scanning;

namespace Nomarr.IntegrationTests.Infrastructure;

/// <summary>Calls back on every progress report, on the scan's own thread.</summary>
public sealed class CallbackProgress(Action<ScanProgress> callback) : IProgress<ScanProgress>
{
    public void Report(ScanProgress value) => callback(value);
}
