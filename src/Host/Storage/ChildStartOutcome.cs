namespace Skein.Host.Storage;

/// <summary>
/// What starting a child workflow did: nothing (the parent's run was superseded), the step recorded and the child
/// inserted (<see cref="Created"/>), or the step recorded as failed because the child id belongs to another instance
/// (<see cref="ErrorName"/> and <see cref="ErrorMessage"/>; nothing else written).
/// </summary>
internal sealed record ChildStartOutcome(bool Fenced, bool Created, string? ErrorName = null, string? ErrorMessage = null);
