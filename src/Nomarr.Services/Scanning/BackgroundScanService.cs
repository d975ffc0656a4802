using Microsoft.Extensions.Hosting;

namespace Nomarr.Services.Scanning;

/// <summary>The host's side of the scan queue: resumes stored requests on start, stops workers on shutdown.</summary>
internal sealed class BackgroundScanService(ScanWorkers workers) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => workers.ResumePendingAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => workers.StopAsync().WaitAsync(cancellationToken);
}
