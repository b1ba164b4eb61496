namespace Skein.TenantSdk.Testing;

/// <summary>An earlier run of an instance that continued as new.</summary>
/// <param name="Run">Its number, from 1.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="EndedAt">When it ended.</param>
public sealed record RunDescription(int Run, DateTimeOffset? StartedAt, DateTimeOffset EndedAt);
