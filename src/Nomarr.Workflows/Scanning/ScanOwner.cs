using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using Nomarr.Helpers.Options;
using Nomarr.Persistence;

namespace Nomarr.Workflows.Scanning;

/// <summary>
/// Who holds the leases this process takes: "node@machine:pid:nonce" (<see cref="LeaseOwners"/>), so that
/// the ledger records the node of each run, and a lease of a dead process of the same node on the same
/// machine is recognised and taken over at once rather than after its expiry. A lease of another node
/// is only ever taken over once it expired, even when that node runs on this machine.
/// </summary>
public sealed class ScanOwner(IOptions<NodeOptions> node)
{
    public string Node { get; } = node.Value.Name;

    public string Id { get; } = LeaseOwners.For(node.Value.Name, Environment.MachineName, Environment.ProcessId, Guid.NewGuid().ToString("N"));

    public bool IsDeadLocalProcess(string owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var parts = owner.Split(':');
        if (parts.Length != 3 || !string.Equals(parts[0], $"{Node}@{Environment.MachineName}", StringComparison.Ordinal)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }
}
