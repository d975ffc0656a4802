using System.ComponentModel.DataAnnotations;

namespace Nomarr.Helpers.Options;

/// <summary>Section "Node": this process's name among the Nomarr processes sharing one database (docs/decisions/0012-nodes.md).</summary>
public sealed class NodeOptions
{
    public const string Section = "Node";

    /// <summary>The node's name: libraries are pinned to it, runs record it. Two processes given one name are one node.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$", ErrorMessage = "Node:Name must be 1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit.")]
    public string Name { get; set; } = DefaultName;

    /// <summary>Seconds between two heartbeats of `nomarr serve`.</summary>
    [Range(1, 3600)]
    public int HeartbeatSeconds { get; set; } = 10;

    /// <summary>A node whose last heartbeat is older than this is shown as gone.</summary>
    [Range(2, 86_400)]
    public int GoneAfterSeconds { get; set; } = 35;

    /// <summary>Seconds between two reads of the scan ledger for what other nodes did, when no notification came first.</summary>
    [Range(0.1, 3600)]
    public double PollSeconds { get; set; } = 5;

    /// <summary>The host name, cut to what a node name may hold.</summary>
    public static string DefaultName
    {
        get
        {
            var name = new string([.. Environment.MachineName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-')]).TrimStart('.', '_', '-');
            return name.Length == 0 ? "nomarr" : name[..Math.Min(name.Length, 63)];
        }
    }
}
