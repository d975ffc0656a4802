namespace Nomarr.Http.Libraries;

/// <summary>`PATCH /api/libraries/{id}`: a new name, watching on or off, or both.</summary>
public sealed record UpdateLibraryRequest(string? Name, bool? Watch);
