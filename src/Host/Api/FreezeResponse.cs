namespace Skein.Host.Api;

/// <summary>The answer of a freeze or an unfreeze: the tenant and whether it is frozen now.</summary>
internal sealed record FreezeResponse(string Tenant, bool Frozen);
