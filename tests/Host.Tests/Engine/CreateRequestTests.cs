using Skein.Host.Engine;
using Skein.Host.Storage;
using Skein.TenantSdk;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine;

/// <summary>What a create asks for is checked before anything is written; each refusal names what to fix.</summary>
public sealed class CreateRequestTests
{
    [Fact]
    public async Task A_create_for_a_workflow_the_active_version_lacks_names_the_tenant_and_the_workflow()
    {
        using var t = new TestEngine(typeof(ThreeSteps));

        var refused = await Assert.ThrowsAsync<NotFoundException>(() => t.Engine.CreateAsync(TestEngine.Tenant, "nope", null, null));

        Assert.Equal("Tenant 't1' has no workflow \"nope\" in its active version.", refused.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("null")]
    [InlineData(" null ")]
    public async Task A_workflow_whose_params_cannot_be_null_refuses_a_create_without_them(string? paramsJson)
    {
        using var t = new TestEngine(typeof(Big));

        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => t.Engine.CreateAsync(TestEngine.Tenant, "big", null, paramsJson));

        Assert.Equal("Workflow \"big\" needs params (Int32), and the body has none: send them as {\"params\": {…}}.", refused.Message);
        Assert.Empty(t.Engine.List(TestEngine.Tenant, new InstanceQuery(null, null, 10, null)).Items);
    }

    [Fact]
    public async Task Params_of_exactly_the_limit_are_accepted_and_one_byte_more_is_refused_naming_the_limit()
    {
        using var t = new TestEngine(new EngineOptions { MaxPayloadBytes = 1024 }, typeof(Big));
        var atLimit = new string(' ', 1023) + "0";

        var created = await t.Engine.CreateAsync(TestEngine.Tenant, "big", null, atLimit);
        var refused = await Assert.ThrowsAsync<PayloadTooLargeException>(() =>
            t.Engine.CreateAsync(TestEngine.Tenant, "big", null, " " + atLimit));

        Assert.True(created.Created);
        Assert.Equal("The params are larger than the tenant's limit of 1024 bytes.", refused.Message);
    }

    [Fact]
    public async Task An_id_taken_by_another_workflow_is_a_conflict_naming_the_id_and_that_workflow()
    {
        using var t = new TestEngine(typeof(ThreeSteps), typeof(Big));
        await t.CreateAsync("three-steps", id: "shared");

        var refused = await Assert.ThrowsAsync<ConflictException>(() => t.Engine.CreateAsync(TestEngine.Tenant, "big", "shared", "1"));

        Assert.Equal("Instance id 'shared' is already used by workflow \"three-steps\".", refused.Message);
    }

    [Fact]
    public async Task The_http_request_that_started_an_instance_reaches_its_workflow_and_a_plain_create_has_none()
    {
        using var t = new TestEngine(typeof(RequestEcho));
        var request = new HttpTriggerRequest("POST", "hooks/github", new Dictionary<string, string>(),
            new Dictionary<string, string>(), new Dictionary<string, string>());

        var triggered = (await t.Engine.CreateAsync(TestEngine.Tenant, "request-echo", null, null, request)).Id;
        var plain = await t.CreateAsync("request-echo");
        await t.WaitForStatusAsync(triggered, "complete");
        await t.WaitForStatusAsync(plain, "complete");

        Assert.Equal("POST hooks/github", t.Describe(triggered).Output!.GetValue<string>());
        Assert.Equal("no request", t.Describe(plain).Output!.GetValue<string>());
        Assert.Null(t.Engine.Describe(TestEngine.Tenant, plain)!.Instance.Trigger);
    }

    [Fact]
    public async Task A_create_on_a_runtime_stopped_for_a_restore_is_told_to_retry_whatever_it_asked_for()
    {
        using var t = new TestEngine(typeof(ThreeSteps));
        var stopped = t.Runtimes.Runtime(TestEngine.Tenant);
        t.Runtimes.QuiesceTenant(TestEngine.Tenant);

        // The restored tenant may well have that workflow: "no such workflow" would be an answer about the old one.
        var refused = await Assert.ThrowsAsync<TenantUnavailableException>(() => t.Engine.CreateAsync(stopped, "nope", null, null));

        Assert.Equal("Tenant 't1' was stopped for a restore, a move or a shutdown while this request ran; retry it.", refused.Message);
        t.Runtimes.ReopenTenant(TestEngine.Tenant);
    }
}

/// <summary>Returns the method and path of the HTTP request that started it.</summary>
[Workflow("request-echo")]
internal sealed class RequestEcho : Workflow<Empty?, string>
{
    public override Task<string> RunAsync(WorkflowEvent<Empty?> e, WorkflowStep step, CancellationToken ct) =>
        Task.FromResult(e.Request is { } request ? $"{request.Method} {request.Path}" : "no request");
}
