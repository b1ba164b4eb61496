namespace Skein.Host.Api;

/// <summary>
/// Who may call an endpoint (DESIGN §4), attached to it as metadata (see <see cref="AccessPolicies"/>) and checked
/// before its handler runs: anonymous; a tenant's own key (or the admin key) on an existing tenant, another
/// tenant's key answering 404 exactly as a tenant that does not exist; or the operator's admin key, on the node or
/// on an existing tenant. No valid key is 401; a tenant key on an operator endpoint is 403.
/// </summary>
internal sealed class AccessPolicy
{
    private AccessPolicy(string name, bool operatorOnly, bool onTenant, string? action)
    {
        Name = name;
        OperatorOnly = operatorOnly;
        OnTenant = onTenant;
        Action = action;
    }

    /// <summary>Anyone, without a key: health, the API document.</summary>
    public static AccessPolicy Anonymous { get; } = new("anonymous", false, false, null);

    /// <summary>A key of the route's tenant, or the admin key; the tenant must exist.</summary>
    public static AccessPolicy Tenant { get; } = new("tenant", false, true, null);

    public string Name { get; }

    public bool OperatorOnly { get; }

    public bool OnTenant { get; }

    /// <summary>What the endpoint does, as a 403 names it ("Deleting a tenant needs the operator's admin key…").</summary>
    public string? Action { get; }

    /// <summary>The operator's admin key only, on the node (no tenant, or one that need not exist).</summary>
    public static AccessPolicy Operator(string action) => new("operator", true, false, action);

    /// <summary>The operator's admin key only, on the route's tenant, which must exist.</summary>
    public static AccessPolicy OperatorOnTenant(string action) => new("operator", true, true, action);

    /// <summary>Refuses the request (401, 403 or 404) unless this policy lets its caller in.</summary>
    public void Check(HttpContext http)
    {
        if (this == Anonymous)
        {
            return;
        }

        if (OperatorOnly)
        {
            http.RequireAdmin(Action!);
        }

        if (OnTenant)
        {
            http.RequireTenant(http.GetRouteValue("tenant") as string ?? "");
        }
        else
        {
            _ = http.Caller();
        }
    }

    public override string ToString() => Action is null ? Name : $"{Name} ({Action})";
}
