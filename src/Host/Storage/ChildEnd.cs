namespace Skein.Host.Storage;

/// <summary>How a parent's <c>childWorkflow</c> step was resolved: its child ended (or was deleted).</summary>
internal sealed record ChildEnd(string ParentId, int Position, StepStatus Status, string? Output, string? ErrorName,
    string? ErrorMessage, long EndedAt);
