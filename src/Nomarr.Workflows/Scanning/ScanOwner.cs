using System.Diagnostics;
using System.Globalization;

namespace Nomarr.Workflows.Scanning;

/// <summary>
/// Who holds the leases this process takes: "machine:pid:nonce", so that a lease of a dead process of
/// the same machine is recognised and taken over at once rather than after its expiry.
/// </summary>
public sealed class ScanOwner
{
    public string Id { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    public static bool IsDeadLocalProcess(string owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var parts = owner.Split(':');
        if (parts.Length != 3 || !string.Equals(parts[0], Environment.MachineName, StringComparison.Ordinal)
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
