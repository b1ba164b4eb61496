using Skein.Host.Api;
using Skein.Host.Engine;
using Skein.Host.Tests.Engine;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Api;

/// <summary>An id is refused with one message, written once beside its rule, whether the API or the engine refuses it.</summary>
public sealed class IdRuleMessageTests
{
    [Fact]
    public void A_bad_tenant_id_gets_the_same_message_from_the_api_and_the_engine()
    {
        const string expected = "'Bad_Id' is not a valid tenant id: use 1–63 characters of a-z, 0-9 and '-', starting with a letter or digit.";
        using var t = new TestEngine();

        var api = new CreateTenantRequestValidator().Validate(new CreateTenantRequest { Id = "Bad_Id" });
        var engine = Assert.Throws<InvalidRequestException>(() => t.Runtimes.AddTenant("Bad_Id"));

        Assert.Equal(expected, Assert.Single(api.Errors).ErrorMessage);
        Assert.Equal(expected, engine.Message);
    }

    [Fact]
    public async Task A_bad_instance_id_gets_the_same_message_from_the_api_and_the_engine()
    {
        const string expected = "'-x' is not a valid instance id: use 1–100 characters of letters, digits, '_' and '-', not starting with '-'.";
        using var t = new TestEngine(typeof(ThreeSteps));

        var api = new CreateInstanceRequestValidator().Validate(new CreateInstanceRequest { Id = "-x" });
        var engine = await Assert.ThrowsAsync<InvalidRequestException>(() => t.Engine.CreateAsync(TestEngine.Tenant, "three-steps", "-x", null));

        Assert.Equal(expected, Assert.Single(api.Errors).ErrorMessage);
        Assert.Equal(expected, engine.Message);
    }
}
