namespace Skein.Host.Storage;

/// <summary>The current state of one instance.</summary>
internal sealed record InstanceRow(
    string Id,
    long Seq,
    string Workflow,
    int Version,
    InstanceStatus Status,
    string Params,
    string? Output,
    string? ErrorName,
    string? ErrorMessage,
    int Generation,
    long CreatedAt,
    long? StartedAt,
    long? EndedAt,
    string? Trigger = null,
    ParentLink? Parent = null,
    string? TraceParent = null);

/// <summary>One step, sleep, event wait or child workflow of an instance (the last names its child).</summary>
internal sealed record StepRow(
    int Position,
    StepKind Kind,
    string Name,
    int Count,
    StepStatus Status,
    string? Output,
    string? ErrorName,
    string? ErrorMessage,
    string? EventType,
    long? WakeAt,
    long StartedAt,
    long? EndedAt,
    StepStatus? RollbackStatus,
    string? RollbackError,
    int Attempts,
    string? ChildId = null,
    string? ChildWorkflow = null);

/// <summary>One attempt of a step; a failed one may keep the tenant's own frames of its stack trace, one per line.</summary>
internal sealed record AttemptRow(
    int Position,
    int Attempt,
    long StartedAt,
    long EndedAt,
    bool Success,
    string? ErrorName,
    string? ErrorMessage,
    string? ErrorStack = null);

/// <summary>An instance with its steps, as the engine replays it.</summary>
internal sealed record InstanceSnapshot(InstanceRow Instance, IReadOnlyList<StepRow> Steps);

/// <summary>An instance with its whole history, as it is described.</summary>
/// <remarks><see cref="Runs"/> is null only where no log was read (an instance just created, a list item).</remarks>
internal sealed record InstanceHistory(InstanceRow Instance, IReadOnlyList<StepRow> Steps, IReadOnlyList<AttemptRow> Attempts,
    InstanceRuns? Runs = null);

/// <summary>A filter and page of the instance list.</summary>
internal sealed record InstanceQuery(string? Workflow, InstanceStatus? Status, int Limit, long? AfterSeq);

/// <summary>One entry of an instance's history: what changed, when, with its details as JSON.</summary>
internal sealed record HistoryRow(long Seq, long At, string Kind, string? Data);
