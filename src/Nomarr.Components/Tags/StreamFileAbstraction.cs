namespace Nomarr.Components.Tags;

/// <summary>
/// Lets TagLibSharp read a stream the scan opened (and still owns): the name only tells TagLib the
/// format by its extension; closing is left to the owner, which reads the audio identity next.
/// </summary>
internal sealed class StreamFileAbstraction(string name, Stream stream) : TagLib.File.IFileAbstraction
{
    public string Name { get; } = name;

    public Stream ReadStream { get; } = stream;

    public Stream WriteStream => throw new NotSupportedException("Nomarr never writes tags.");

    public void CloseStream(Stream stream)
    {
    }
}
