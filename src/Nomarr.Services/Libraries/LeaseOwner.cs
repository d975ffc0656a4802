using System.Diagnostics;
using System.Globalization;

namespace Nomarr.Services.Libraries;

/// <summary>Scan lease owners are "machine:pid:nonce", so that a lease of a dead local process can be recognised.</summary>
internal static class LeaseOwner
{
    public static string ForThisProcess() => $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    public static bool IsDeadLocalProcess(string owner)
    {
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
