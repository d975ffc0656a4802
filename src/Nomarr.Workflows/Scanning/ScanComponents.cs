using Nomarr.Components.Identity;
using Nomarr.Components.Reading;
using Nomarr.Components.Walking;

namespace Nomarr.Workflows.Scanning;

/// <summary>The file-level components a scan uses: walking, reading each file once (tags and keys), and file inodes.</summary>
public sealed class ScanComponents(DirectoryWalker walker, AudioFileReader reader, DeviceInodes inodes)
{
    public DirectoryWalker Walker { get; } = walker;

    public AudioFileReader Reader { get; } = reader;

    public DeviceInodes Inodes { get; } = inodes;
}
