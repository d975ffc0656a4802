namespace Nomarr.Components.Artwork;

public enum ArtworkSource
{
    /// <summary>A picture inside the audio file.</summary>
    Embedded,

    /// <summary>An image file in the audio file's folder, or in the album folder above a disc folder.</summary>
    Folder,
}
