namespace Nomarr.Helpers.Scanning;

public enum ScanPhase
{
    Starting,
    Walking,
    Writing,
    MarkingMissing,
    Finished,
}
