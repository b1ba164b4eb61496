namespace Skein.Host.Api;

/// <summary>The answer of an event sent to an instance: the instance and the event's type.</summary>
internal sealed record SentEventResponse(string Id, string Type);
