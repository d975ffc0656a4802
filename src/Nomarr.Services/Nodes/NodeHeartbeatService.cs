using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nomarr.Helpers.Errors;
using Nomarr.Helpers.Options;
using Nomarr.Services.Status;

namespace Nomarr.Services.Nodes;

/// <summary>
/// `nomarr serve`'s heartbeat: at start and every Node:HeartbeatSeconds, with the libraries this node
/// serves. A node that stops is shown as gone after Node:GoneAfterSeconds; its leases lapse on their own.
/// </summary>
internal sealed partial class NodeHeartbeatService(NodeService node, IOptions<NodeOptions> options, TimeProvider time, ILogger<NodeHeartbeatService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.HeartbeatSeconds), time);
        try
        {
            do
            {
                try
                {
                    await node.HeartbeatAsync(StatusService.Version, await node.ServedHereAsync(stoppingToken), stoppingToken);
                }
                catch (Exception ex) when (ex.IsNotStop(stoppingToken))
                {
                    // A missed heartbeat is retried on the next tick; missing several shows the node as gone, which it then is to the others.
                    LogHeartbeatFailed(ex, node.Name);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node} could not record its heartbeat; it tries again on the next one")]
    private partial void LogHeartbeatFailed(Exception exception, string node);
}
