namespace Nomarr.Services.Libraries;

/// <summary>A library was added, updated (name, watching) or removed through this process.</summary>
public sealed class LibrariesChangedEventArgs(long libraryId, LibraryChange change) : EventArgs
{
    public long LibraryId { get; } = libraryId;

    public LibraryChange Change { get; } = change;
}
