namespace Skein.TenantSdk;

/// <summary>An event delivered to <see cref="WorkflowStep.WaitForEvent{T}"/>.</summary>
/// <typeparam name="T">The payload's type.</typeparam>
/// <param name="Type">The event type it was sent with.</param>
/// <param name="Payload">The payload, deserialized from JSON.</param>
/// <param name="Timestamp">When the host received the event.</param>
public sealed record WorkflowEventMessage<T>(string Type, T Payload, DateTimeOffset Timestamp);
