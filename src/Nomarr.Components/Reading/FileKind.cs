namespace Nomarr.Components.Reading;

/// <summary>What a path is, by the type bits of its stat mode.</summary>
public enum FileKind
{
    Regular,
    Directory,
    Fifo,
    Socket,
    CharacterDevice,
    BlockDevice,
    SymbolicLink,
    Unknown,
}
