using Skein.Host.Engine;
using Skein.Host.Tests.Egress;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine;

/// <summary>A step's <c>ctx.Http</c> through the real engine: refused by default on loopback, open where the tenant's limits say.</summary>
public sealed class OutboundHttpTests
{
    [Fact]
    public async Task A_step_calling_the_node_itself_fails_with_the_refusal_and_reaches_nothing()
    {
        await using var server = new LoopbackServer(_ => LoopbackServer.Ok("metrics"));
        using var t = new TestEngine(typeof(FetchWorkflow));

        var id = await t.CreateAsync("fetch", new FetchParams($"http://127.0.0.1:{server.Port}/metrics"));

        await t.WaitForStatusAsync(id, "errored");
        var attempt = Assert.Single(Assert.Single(t.Describe(id).Steps).Attempts!);
        Assert.Equal("HttpRequestException", attempt.Error!.Name);
        Assert.StartsWith(
            $"outbound call to 127.0.0.1 refused by the egress policy (loopback); an operator can allow it for this tenant with "
            + $"PUT /v1/tenants/{TestEngine.Tenant}/limits egressAllow", attempt.Error.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.Connections);
    }

    [Fact]
    public async Task A_step_reaches_a_loopback_port_the_tenants_limits_allow_and_its_rollback_can_call_out_too()
    {
        var paths = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await using var server = new LoopbackServer(path =>
        {
            paths.Enqueue(path);
            return LoopbackServer.Ok("metrics");
        });
        using var t = new TestEngine(typeof(FetchWorkflow));
        t.Runtimes.Runtime(TestEngine.Tenant).SetLimits(new TenantLimits { EgressAllow = [$"127.0.0.1:{server.Port}"] });

        var done = await t.CreateAsync("fetch", new FetchParams($"http://127.0.0.1:{server.Port}/metrics"));
        var undone = await t.CreateAsync("fetch", new FetchParams($"http://127.0.0.1:{server.Port}/charge",
            UndoUrl: $"http://127.0.0.1:{server.Port}/refund", FailAfter: true));

        await t.WaitForStatusAsync(done, "complete");
        await t.WaitForStatusAsync(undone, "errored");
        Assert.Equal("metrics", t.Describe(done).Output!.GetValue<string>());
        Assert.Equal("complete", t.Describe(undone).Steps.Single(s => s.Name == "fetch").Rollback!.Status);
        Assert.Equal(["/charge", "/metrics", "/refund"], paths.Order(StringComparer.Ordinal));
    }
}
