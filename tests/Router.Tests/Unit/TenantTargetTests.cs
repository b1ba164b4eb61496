using Microsoft.AspNetCore.Http;
using Skein.Router.Forwarding;

namespace Skein.Router.Tests.Unit;

public sealed class TenantTargetTests
{
    [Theory]
    [InlineData("router.local", "/v1/tenants/acme/instances", "acme", false, false)]
    [InlineData("router.local", "/v1/tenants/acme", "acme", true, false)]
    [InlineData("acme.skein.test", "/v1/tenants/acme/run/x", "acme", false, false)]
    [InlineData("ACME.Skein.Test", "/anything", "acme", false, false)]
    [InlineData("acme.skein.test", "/v1/tenants/beta/instances", "beta", false, true)]
    [InlineData("x.acme.skein.test", "/v1/nodes", null, false, false)]
    [InlineData("skein.test", "/v1/tenants", null, false, false)]
    [InlineData("notskein.test", "/v1/tenants//x", null, false, false)]
    public void The_tenant_comes_from_the_path_or_the_host_and_both_must_agree(string host, string path, string? tenant, bool root, bool conflicts)
    {
        var request = new DefaultHttpContext().Request;
        request.Host = new HostString(host);
        request.Path = path;

        var target = TenantTarget.Resolve(request, "skein.test");

        Assert.Equal(tenant, target.Tenant);
        Assert.Equal(root, target.IsTenantRoot);
        Assert.Equal(conflicts, target.Conflicts);
    }
}
