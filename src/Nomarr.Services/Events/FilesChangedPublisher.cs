using Nomarr.Helpers.Libraries;
using Nomarr.Persistence;

namespace Nomarr.Services.Events;

/// <summary>Sends a files_changed event for each committed batch of changes, per library.</summary>
internal sealed class FilesChangedPublisher(EventHub hub) : IFileChangeListener
{
    public void Committed(IReadOnlyList<ChangeBatch> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        foreach (var batch in batches)
        {
            hub.Publish(EventTypes.FilesChanged, new FilesChangedEvent(batch.LibraryId, batch.FirstSeq, batch.LastSeq));
        }
    }
}
