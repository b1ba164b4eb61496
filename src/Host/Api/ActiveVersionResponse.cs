namespace Skein.Host.Api;

/// <summary>The answer of an activation: the version new instances start on now.</summary>
internal sealed record ActiveVersionResponse(int Active);
