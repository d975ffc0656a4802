namespace Nomarr.Helpers.Scanning;

public enum ScanRunStatus
{
    Running,
    Completed,
    Failed,
    Interrupted,
    Cancelled,
}
