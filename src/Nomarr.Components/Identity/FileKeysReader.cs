namespace Nomarr.Components.Identity;

/// <summary>Reads the keys of a file for move detection. Never throws for a bad file.</summary>
public sealed class FileKeysReader(AudioIdentityReader audio, FileIdentities identities, Fingerprinter fingerprinter)
{
    public bool FingerprintsAvailable => fingerprinter.IsAvailable;

    public FileKeys Read(string fullPath, bool withFingerprint, CancellationToken cancellationToken) => new(
        audio.Compute(fullPath),
        identities.Of(fullPath),
        withFingerprint ? fingerprinter.Compute(fullPath, cancellationToken) : null);
}
