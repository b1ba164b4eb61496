namespace Skein.TenantSdk.Testing;

/// <summary>One attempt of a step.</summary>
/// <param name="Attempt">Its number, from 1.</param>
/// <param name="Start">When it started.</param>
/// <param name="End">When it ended.</param>
/// <param name="Success">Whether it succeeded.</param>
/// <param name="Error">Why it failed.</param>
public sealed record AttemptDescription(int Attempt, DateTimeOffset Start, DateTimeOffset End, bool Success, ErrorDescription? Error);
