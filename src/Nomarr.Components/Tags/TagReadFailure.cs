namespace Nomarr.Components.Tags;

public enum TagReadFailure
{
    /// <summary>The file is not valid audio of its type (damaged, truncated, empty).</summary>
    Corrupt,

    /// <summary>The file could not be opened or read (permissions, I/O error).</summary>
    Unreadable,

    /// <summary>The file disappeared between the walk and the read.</summary>
    Vanished,
}
