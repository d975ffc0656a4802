namespace Nomarr.Services.Events;

/// <summary>One live event: its type (scan_started, scan_progress, ...) and its payload, serialized as JSON.</summary>
public sealed record HubEvent(string Type, object Data);
