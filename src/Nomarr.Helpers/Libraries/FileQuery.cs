namespace Nomarr.Helpers.Libraries;

/// <summary>A page of files: by library, folder, missing state and a text search on title, artist and album.</summary>
public sealed record FileQuery(
    long? LibraryId = null,
    string? Folder = null,
    bool? Missing = null,
    string? Text = null,
    int Offset = 0,
    int Limit = 100);
