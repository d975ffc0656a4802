using System.Diagnostics;
using Microsoft.Extensions.Options;
using Nomarr.Helpers.Options;
using Nomarr.Persistence;
using Nomarr.Workflows.Scanning;

namespace Nomarr.UnitTests.Workflows;

public sealed class ScanOwnerTests
{
    private static readonly ScanOwner Kitchen = new(Options.Create(new NodeOptions { Name = "kitchen" }));

    [Fact]
    public void TheOwnerNamesItsNodeFirst()
    {
        Assert.StartsWith("kitchen@" + Environment.MachineName + ":" + Environment.ProcessId + ":", Kitchen.Id, StringComparison.Ordinal);
        Assert.Equal("kitchen", LeaseOwners.NodeOf(Kitchen.Id));
        Assert.Equal("old-style", LeaseOwners.NodeOf("old-style"));
    }

    [Fact]
    public async Task ADeadProcessIsRecognisedOnlyWhenItWasOfThisNodeOnThisMachine()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await process.WaitForExitAsync();
        var pid = process.Id;

        Assert.True(Kitchen.IsDeadLocalProcess(LeaseOwners.For("kitchen", Environment.MachineName, pid, "x")));
        Assert.False(Kitchen.IsDeadLocalProcess(LeaseOwners.For("attic", Environment.MachineName, pid, "x")));
        Assert.False(Kitchen.IsDeadLocalProcess(LeaseOwners.For("kitchen", "another-host", pid, "x")));
        Assert.False(Kitchen.IsDeadLocalProcess(LeaseOwners.For("kitchen", Environment.MachineName, Environment.ProcessId, "x")));
        Assert.False(Kitchen.IsDeadLocalProcess($"{Environment.MachineName}:{pid}:x"));
    }
}
