namespace Nomarr.Helpers.Errors;

/// <summary>
/// What ends a background loop of `nomarr serve`: its own stopping token, and nothing else. A cancellation
/// from anywhere else (a command that timed out, a library's own deadline) is one more error to log and outlive.
/// </summary>
public static class Stopping
{
    /// <summary>True unless <paramref name="error"/> is the cancellation of <paramref name="stopping"/>.</summary>
    public static bool IsNotStop(this Exception error, CancellationToken stopping) =>
        error is not OperationCanceledException || !stopping.IsCancellationRequested;
}
