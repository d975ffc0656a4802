using Nomarr.Components.Identity;
using Nomarr.Components.Tags;
using Nomarr.Components.Walking;

namespace Nomarr.Workflows.Scanning;

/// <summary>The file-level components a scan uses: walking, tag reading, and the keys of moved files.</summary>
public sealed class ScanComponents(DirectoryWalker walker, TagReader tagReader, FileKeysReader keysReader, FileIdentities identities)
{
    public DirectoryWalker Walker { get; } = walker;

    public TagReader TagReader { get; } = tagReader;

    public FileKeysReader KeysReader { get; } = keysReader;

    public FileIdentities Identities { get; } = identities;
}
