namespace Skein.Host.Storage;

/// <summary>An attempt as the <see cref="AttemptJournal"/> records it when it starts.</summary>
internal sealed record AttemptStart(
    string InstanceId,
    int Generation,
    int Position,
    string Name,
    int Count,
    int Attempt,
    long StartedAt);
