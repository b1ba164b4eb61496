namespace Skein.Cli.Http;

/// <summary>One server-sent event: its id (a history sequence number), its name and its data.</summary>
internal sealed record ServerSentEvent(string? Id, string Event, string Data);
