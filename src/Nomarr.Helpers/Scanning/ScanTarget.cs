using Nomarr.Helpers.Paths;

namespace Nomarr.Helpers.Scanning;

/// <summary>
/// A folder of a library to scan. <see cref="FolderPath"/> is relative to the library root in
/// POSIX form; "" means the whole library.
/// </summary>
public sealed record ScanTarget
{
    public ScanTarget(long libraryId, string? folderPath = "")
    {
        LibraryId = libraryId;
        FolderPath = PathNormalizer.NormalizeRelative(folderPath);
    }

    public long LibraryId { get; }

    public string FolderPath { get; }

    public bool IsWholeLibrary => FolderPath.Length == 0;

    public override string ToString() => $"{LibraryId}:{(IsWholeLibrary ? "/" : FolderPath)}";
}
