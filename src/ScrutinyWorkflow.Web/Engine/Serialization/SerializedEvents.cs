namespace ScrutinyWorkflow.Web.Engine.Serialization;

/// <summary>An event about to be stored: its type name and schema version travel with the data,
/// so a stream written by older code still loads after the event types change.</summary>
public sealed record NewEvent(string Type, int SchemaVersion, string Data);

/// <summary>An event as stored, numbered from 1 within its review's stream.</summary>
public sealed record StoredEvent(long Version, string Type, int SchemaVersion, string Data, DateTimeOffset RecordedAt);
