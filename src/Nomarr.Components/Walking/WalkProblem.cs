namespace Nomarr.Components.Walking;

/// <summary>A folder the walker could not read; files below it must not be taken as gone.</summary>
public sealed record WalkProblem(string Folder, string Reason);
