using Nomarr.Components.Watching;

namespace Nomarr.Components.FileSystems;

/// <summary>Where a folder really is: its path with links resolved, and whether the kernel makes up its contents.</summary>
public static class FileSystemProbe
{
    /// <summary>f_type (linux/magic.h) of the filesystems whose files are the kernel's state, not anybody's music; statfs itself is <see cref="FileSystemTypes"/>.</summary>
    private static readonly Dictionary<long, string> Pseudo = new()
    {
        [0x9fa0] = "proc",
        [0x62656572] = "sysfs",
        [0x27e0eb] = "cgroup",
        [0x63677270] = "cgroup2",
        [0x1cd1] = "devpts",
        [0x64626720] = "debugfs",
        [0x74726163] = "tracefs",
        [0x73636673] = "securityfs",
        [0xcafe4a11] = "bpf",
        [0x6165676c] = "pstore",
        [0x62656570] = "configfs",
        [0xde5e81e4] = "efivarfs",
        [0xf97cff8c] = "selinuxfs",
        [0x42494e4d] = "binfmt_misc",
        [0x65735543] = "fusectl",
        [0x19800202] = "mqueue",
    };

    /// <summary>
    /// The absolute path with every link resolved. For a path that does not exist, its nearest existing
    /// ancestor is resolved and the rest appended, so that the answer does not depend on whether it exists.
    /// </summary>
    public static string Resolve(string fullPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(fullPath);
        var rest = new Stack<string>();
        var current = Path.TrimEndingDirectorySeparator(Path.GetFullPath(fullPath));
        while (true)
        {
            if (NativeFileSystem.Resolve(current) is { } resolved)
            {
                return rest.Aggregate(resolved, Path.Combine);
            }

            var parent = Path.GetDirectoryName(current);
            if (parent is null)
            {
                return Path.GetFullPath(fullPath);
            }

            rest.Push(Path.GetFileName(current));
            current = parent;
        }
    }

    /// <summary>
    /// The name of the pseudo-filesystem (proc, sysfs, cgroup, ...) the path or its nearest existing ancestor is on;
    /// null for a filesystem that holds files.
    /// </summary>
    public static string? PseudoFileSystem(string fullPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(fullPath);
        for (var current = Path.GetFullPath(fullPath); current is not null; current = Path.GetDirectoryName(current))
        {
            if (FileSystemTypes.Of(current) is { } type)
            {
                return Pseudo.GetValueOrDefault(type.Magic);
            }
        }

        return null;
    }
}
