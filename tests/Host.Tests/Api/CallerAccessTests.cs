using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Skein.Host.Api;
using Skein.Host.Engine;
using Skein.Host.Tenants;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Api;

/// <summary>
/// DESIGN §4's access rules as the API applies them to one request: which key reaches which tenant, and the status
/// a refused caller sees (401 without a valid key, 403 for a tenant key on an operator action, 404 for another
/// tenant's resources, exactly as for a tenant that does not exist).
/// </summary>
public sealed class CallerAccessTests : IDisposable
{
    private const string AdminKey = "admin-key-for-access-tests";
    private const int Allowed = 200;

    private readonly TestEngine _engine = new(new EngineOptions { AdminKey = AdminKey });
    private readonly ServiceProvider _services;
    private readonly string _alphaKey;
    private readonly string _betaKey;

    public CallerAccessTests()
    {
        var registry = new TenantRegistry(_engine.Catalog, _engine.Runtimes, new TenantDirectory(), _engine.Options, _engine.Time);
        registry.Load();
        _alphaKey = registry.Create("alpha", null).ApiKey;
        _betaKey = registry.Create("beta", null).ApiKey;
        _services = new ServiceCollection().AddSingleton(registry).AddSingleton(_engine.Engine).AddSingleton(_engine.Runtimes).BuildServiceProvider();
    }

    [Fact]
    public void A_tenant_key_reaches_its_own_tenant_only()
    {
        Assert.Equal(Allowed, Status(Bearer(_alphaKey), c => c.RequireTenant("alpha")));
        Assert.Equal(404, Status(Bearer(_alphaKey), c => c.RequireTenant("beta")));
        Assert.Equal(404, Status(Bearer(_betaKey), c => c.RequireTenant("alpha")));
    }

    [Fact]
    public void Another_tenant_and_a_missing_tenant_look_the_same_to_a_tenant_key()
    {
        var other = Refusal(Bearer(_alphaKey), c => c.RequireTenant("beta"));
        var missing = Refusal(Bearer(_alphaKey), c => c.RequireTenant("gamma"));

        Assert.IsType<NotFoundException>(other);
        Assert.IsType<NotFoundException>(missing);
        Assert.Equal("Tenant 'beta' does not exist.", other.Message);
        Assert.Equal("Tenant 'gamma' does not exist.", missing.Message);
    }

    [Fact]
    public void The_admin_key_reaches_every_existing_tenant_and_no_missing_one()
    {
        Assert.Equal(Allowed, Status(Bearer(AdminKey), c => c.RequireTenant("alpha")));
        Assert.Equal(Allowed, Status(Bearer(AdminKey), c => c.RequireTenant("beta")));
        Assert.Equal(404, Status(Bearer(AdminKey), c => c.RequireTenant("gamma")));
    }

    [Fact]
    public void Without_a_valid_key_a_tenant_answers_401_whether_or_not_it_exists()
    {
        Assert.Equal(401, Status(null, c => c.RequireTenant("alpha")));
        Assert.Equal(401, Status(null, c => c.RequireTenant("gamma")));
        Assert.Equal(401, Status(Bearer("sk_not-a-key"), c => c.RequireTenant("alpha")));
        Assert.Equal(401, Status(Bearer("sk_not-a-key"), c => c.RequireTenant("gamma")));
        Assert.Equal(401, Status("Bearer ", c => c.RequireTenant("alpha")));
    }

    [Theory]
    [InlineData("Basic {0}")]
    [InlineData("Token1 {0}")]
    [InlineData("{0}")]
    public void A_key_is_accepted_only_as_a_bearer_token(string header)
    {
        Assert.Equal(401, Status(string.Format(System.Globalization.CultureInfo.InvariantCulture, header, _alphaKey), c => c.RequireTenant("alpha")));
        Assert.Equal(401, Status(string.Format(System.Globalization.CultureInfo.InvariantCulture, header, AdminKey), c => c.RequireAdmin("Creating a tenant")));
    }

    [Theory]
    [InlineData("bearer {0}")]
    [InlineData("BEARER {0}")]
    [InlineData("Bearer  {0} ")]
    public void The_bearer_scheme_is_case_insensitive_and_spaces_around_the_key_do_not_matter(string header)
    {
        Assert.Equal(Allowed, Status(string.Format(System.Globalization.CultureInfo.InvariantCulture, header, _alphaKey), c => c.RequireTenant("alpha")));
    }

    [Fact]
    public void Operator_actions_need_the_admin_key()
    {
        Assert.Equal(Allowed, Status(Bearer(AdminKey), c => c.RequireAdmin("Creating a tenant")));
        Assert.Equal(403, Status(Bearer(_alphaKey), c => c.RequireAdmin("Creating a tenant")));
        Assert.Equal(401, Status(null, c => c.RequireAdmin("Creating a tenant")));
        Assert.Equal(401, Status(Bearer("sk_not-a-key"), c => c.RequireAdmin("Creating a tenant")));

        var refusal = Assert.IsType<ApiException>(Refusal(Bearer(_alphaKey), c => c.RequireAdmin("Creating a tenant")));
        Assert.Equal("Creating a tenant needs the operator's admin key; a tenant key cannot do it.", refusal.Message);
    }

    [Fact]
    public void The_caller_is_the_one_the_key_names()
    {
        Assert.Equal(new Caller(false, "alpha"), Context(Bearer(_alphaKey)).Caller());
        Assert.Equal(new Caller(false, "beta"), Context(Bearer(_betaKey)).Caller());
        Assert.Equal(Caller.Admin, Context(Bearer(AdminKey)).Caller());
        Assert.Null(Context(null).AuthenticatedCaller());
    }

    [Fact]
    public void MayUseTenant_answers_without_refusing()
    {
        Assert.True(Context(Bearer(_alphaKey)).MayUseTenant("alpha"));
        Assert.False(Context(Bearer(_alphaKey)).MayUseTenant("beta"));
        Assert.False(Context(Bearer(_alphaKey)).MayUseTenant("gamma"));
        Assert.True(Context(Bearer(AdminKey)).MayUseTenant("beta"));
        Assert.False(Context(Bearer(AdminKey)).MayUseTenant("gamma"));
        Assert.False(Context(null).MayUseTenant("alpha"));
    }

    [Fact]
    public async Task Binding_a_request_checks_access_before_it_hands_out_the_tenant()
    {
        Assert.Same(_engine.Runtimes.Runtime("alpha"), await Context(Bearer(_alphaKey)).BindTenantAsync("alpha"));
        Assert.Same(_engine.Runtimes.Runtime("beta"), await Context(Bearer(AdminKey)).BindTenantAsync("beta"));
        Assert.Equal(404, Status(Bearer(_alphaKey), c => c.BindTenantAsync("beta").AsTask().GetAwaiter().GetResult()));
        Assert.Equal(401, Status(null, c => c.BindTenantAsync("beta").AsTask().GetAwaiter().GetResult()));
    }

    public void Dispose()
    {
        _services.Dispose();
        _engine.Dispose();
    }

    private static string Bearer(string key) => "Bearer " + key;

    private DefaultHttpContext Context(string? authorization)
    {
        var context = new DefaultHttpContext { RequestServices = _services };
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        return context;
    }

    private Exception? Refusal(string? authorization, Action<HttpContext> check)
    {
        try
        {
            check(Context(authorization));
            return null;
        }
        catch (Exception refused) when (refused is ApiException or NotFoundException)
        {
            return refused;
        }
    }

    /// <summary>The status the error handler answers for the refusal, or 200 when the check lets the request through.</summary>
    private int Status(string? authorization, Action<HttpContext> check) => Refusal(authorization, check) switch
    {
        null => Allowed,
        ApiException api => api.Status,
        NotFoundException => 404,
        var other => throw new InvalidOperationException("unexpected refusal", other),
    };
}
