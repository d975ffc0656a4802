namespace Nomarr.Services.Libraries;

public enum LibraryChange
{
    Added,
    Updated,
    Removed,
}
