namespace Nomarr.Workflows.Watching;

/// <summary>What the filesystem said happened to a path.</summary>
public enum WatchEventKind
{
    Created,
    Changed,
    Deleted,
    Renamed,
}
