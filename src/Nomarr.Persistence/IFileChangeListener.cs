using Nomarr.Helpers.Libraries;

namespace Nomarr.Persistence;

/// <summary>Told by the engine, after each commit that changed file records, which sequence numbers it wrote per library.</summary>
public interface IFileChangeListener
{
    void Committed(IReadOnlyList<ChangeBatch> batches);
}

/// <summary>The listener when nobody listens (the CLI).</summary>
public sealed class NoFileChangeListener : IFileChangeListener
{
    public void Committed(IReadOnlyList<ChangeBatch> batches)
    {
    }
}
