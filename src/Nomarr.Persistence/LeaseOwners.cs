namespace Nomarr.Persistence;

/// <summary>
/// A lease owner is "node@machine:pid:nonce": the node's name first, so the ledger records which node
/// holds each run and refuses a claim of a library pinned to another node.
/// </summary>
public static class LeaseOwners
{
    public static string For(string node, string machine, int processId, string nonce) => $"{node}@{machine}:{processId}:{nonce}";

    /// <summary>The node part of an owner; an owner without one (written before nodes existed) is its own node.</summary>
    public static string NodeOf(string owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var at = owner.IndexOf('@', StringComparison.Ordinal);
        return at > 0 ? owner[..at] : owner;
    }
}
