namespace Skein.Host.Storage;

/// <summary>A new instance to insert.</summary>
/// <summary>An instance to create; <see cref="TraceParent"/> is the W3C traceparent its runs' spans are children of.</summary>
internal sealed record NewInstance(string Id, string Workflow, int Version, string Params, long CreatedAt, string? Trigger = null,
    string? TraceParent = null);

/// <summary>The outcome of a create: the instance row and whether it was inserted now.</summary>
internal sealed record CreateOutcome(InstanceRow Instance, bool Created);

/// <summary>
/// A step row to write, with the attempt that produced it (if any). <see cref="Resume"/> also moves a
/// <c>waiting</c> instance back to <c>running</c>; only the first write of an execution woken from waiting needs it.
/// <see cref="Logs"/> are the lines the attempt logged, committed with its outcome.
/// </summary>
internal sealed record StepWrite(
    string InstanceId,
    int Generation,
    int Position,
    StepKind Kind,
    string Name,
    int Count,
    StepStatus Status,
    long StartedAt,
    string? Output = null,
    string? ErrorName = null,
    string? ErrorMessage = null,
    string? EventType = null,
    long? WakeAt = null,
    long? EndedAt = null,
    AttemptRow? Attempt = null,
    bool Resume = false,
    string? ChildId = null,
    string? ChildWorkflow = null,
    IReadOnlyList<LogLine>? Logs = null);

/// <summary>What registering an event wait found.</summary>
internal sealed record EventWaitOutcome(bool Fenced, bool Delivered, string? Payload, long ReceivedAt);

/// <summary>What sending an event did.</summary>
internal sealed record SendEventOutcome(InstanceStatus? InstanceStatus, int? DeliveredPosition);
