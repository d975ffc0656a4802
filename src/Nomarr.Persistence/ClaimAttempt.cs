namespace Nomarr.Persistence;

/// <summary>
/// The outcome of a claim: the claim, or nothing. <see cref="Holder"/> names the owner of the live
/// lease that refused it; both are null when there was nothing to claim.
/// </summary>
public sealed record ClaimAttempt(ScanClaim? Claim, string? Holder)
{
    public static ClaimAttempt Nothing { get; } = new(null, null);
}
