namespace Nomarr.Helpers.Libraries;

/// <summary>The order of a page of files: by path, or newest first by when they were added or last updated.</summary>
public enum FileSort
{
    Path,
    Added,
    Updated,
}
