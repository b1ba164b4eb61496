namespace Skein.Host.Engine;

/// <summary>The rollback handler of a completed step.</summary>
internal sealed record RollbackEntry(
    int Position,
    string Name,
    bool AlreadyRan,
    TimeSpan Timeout,
    Func<string?, string?, CancellationToken, Task> Handler);
