namespace Nomarr.Components.Identity;

/// <summary>Reads the keys of a file for move detection. Never throws for a bad file.</summary>
public sealed class FileKeysReader(AudioIdentityReader audio, FileIdentities identities)
{
    public FileKeys Read(string fullPath) => new(audio.Compute(fullPath), identities.Of(fullPath), null);
}
