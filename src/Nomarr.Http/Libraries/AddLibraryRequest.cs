namespace Nomarr.Http.Libraries;

/// <summary>`POST /api/libraries`: the folder, an optional name, and whether to watch it (default true).</summary>
public sealed record AddLibraryRequest(string? Path, string? Name, bool? Watch);
