namespace Skein.Router.Forwarding;

/// <summary>
/// The tenant a request is for: from its path (<c>/v1/tenants/{tenant}/…</c>) or its Host (<c>{tenant}.{domain}</c>).
/// When both name a tenant they must agree, or a Host could steer a path for tenant B to tenant A's node.
/// </summary>
internal readonly record struct TenantTarget(string? Tenant, bool IsTenantRoot, string? HostTenant, string? PathTenant)
{
    private const string Prefix = "/v1/tenants/";

    public bool Conflicts => HostTenant is not null && PathTenant is not null && HostTenant != PathTenant;

    public static TenantTarget Resolve(HttpRequest request, string? domain)
    {
        string? pathTenant = null;
        var isRoot = false;
        var path = request.Path.Value ?? "";
        if (path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            var rest = path.AsSpan(Prefix.Length);
            var slash = rest.IndexOf('/');
            var segment = slash < 0 ? rest : rest[..slash];
            if (segment.Length > 0)
            {
                pathTenant = segment.ToString();
                isRoot = slash < 0;
            }
        }

        var hostTenant = domain is null ? null : TenantOfHost(request.Host.Host, domain);
        return new TenantTarget(pathTenant ?? hostTenant, isRoot, hostTenant, pathTenant);
    }

    private static string? TenantOfHost(string host, string domain)
    {
        if (host.Length <= domain.Length + 1 || !host.EndsWith(domain, StringComparison.OrdinalIgnoreCase) || host[^(domain.Length + 1)] != '.')
        {
            return null;
        }

        var label = host[..^(domain.Length + 1)];
        // Host names are case-insensitive and tenant ids are lower case; a deeper name (x.acme.domain) is no tenant.
        return label.Contains('.', StringComparison.Ordinal) ? null : label.ToLowerInvariant();
    }
}
