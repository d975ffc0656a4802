using Nomarr.Helpers.Libraries;

namespace Nomarr.Http.Files;

/// <summary>One page of files and the total number that match.</summary>
public sealed record FilePage(IReadOnlyList<FileView> Items, long Total);
