namespace Nomarr.Helpers.Libraries;

/// <summary>The changes one committed write made to one library: sequence numbers <see cref="FirstSeq"/> to <see cref="LastSeq"/>.</summary>
public sealed record ChangeBatch(long LibraryId, long FirstSeq, long LastSeq);
