namespace Skein.Host.Api;

/// <summary>An earlier run of an instance that continued as new (DESIGN §9): <c>{run, startedAt, endedAt}</c>.</summary>
internal sealed record RunDescription(int Run, DateTimeOffset? StartedAt, DateTimeOffset EndedAt);
