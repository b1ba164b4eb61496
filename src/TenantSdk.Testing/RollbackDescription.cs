namespace Skein.TenantSdk.Testing;

/// <summary>Whether a step's rollback handler ran, and how.</summary>
/// <param name="Status">complete or errored.</param>
/// <param name="Error">Why it failed.</param>
public sealed record RollbackDescription(string Status, string? Error);
