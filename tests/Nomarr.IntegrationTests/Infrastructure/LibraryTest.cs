namespace Nomarr.IntegrationTests.Infrastructure;

/// <summary>A test with a real folder of audio files and the real services on a temporary SQLite database.</summary>
public abstract class LibraryTest : IDisposable
{
    protected TempLibrary Disk { get; } = new();

    protected NomarrTestHost App { get; } = new();

    public void Dispose()
    {
        App.Dispose();
        Disk.Dispose();
        GC.SuppressFinalize(this);
    }
}
