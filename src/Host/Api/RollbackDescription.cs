namespace Skein.Host.Api;

/// <summary>Whether a step's rollback handler ran, and how.</summary>
internal sealed record RollbackDescription(string Status, string? Error);
