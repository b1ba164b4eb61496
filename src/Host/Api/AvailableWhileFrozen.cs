namespace Skein.Host.Api;

/// <summary>
/// Endpoint metadata: the endpoint answers while its tenant is frozen. Only the operator's endpoints a move needs or
/// that change nothing a move carries (show, backup, restore, delete, freeze, unfreeze) have it; every other
/// endpoint under <c>/v1/tenants/{tenant}</c>, including any added later, answers 503 while the tenant is frozen.
/// </summary>
internal sealed class AvailableWhileFrozen
{
    public static AvailableWhileFrozen Instance { get; } = new();
}
