using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Plugins;

/// <summary>The sample tenants, built by the test build, uploaded through the real API and run to completion.</summary>
public sealed class SampleTenantTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Order_saga_charges_waits_for_approval_and_ships()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "orders");
        var deployed = await ApiClient.DeployAsync(client, tenant, SampleTenants.Dll("Samples.OrderSaga"));
        Assert.Equal(["order", "payment"], deployed["workflows"]!.AsArray().Select(w => w!.GetValue<string>()).Order());
        var workflows = await client.GetFromJsonAsync<JsonArray>($"/v1/tenants/{tenant}/workflows");
        Assert.Contains("order", workflows!.Select(w => w!["name"]!.GetValue<string>()));

        await ApiClient.CreateAsync(client, tenant, "order", new { orderId = "o-7", amount = 25.0, items = new[] { "book" }, coolOffSeconds = 0 }, "o-7");
        await ApiClient.WaitForStatusAsync(client, tenant, "o-7", "waiting");
        await ApiClient.SendEventAsync(client, tenant, "o-7", "approval", new { approved = true, by = "ann" });

        var done = await ApiClient.WaitForStatusAsync(client, tenant, "o-7", "complete");
        Assert.Equal("ann", done["output"]!["approvedBy"]!.GetValue<string>());
        Assert.Equal(["reserve", "payment", "charge", "cool-off", "approval", "ship"], done["steps"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()));
        var payment = done["steps"]![1]!;
        Assert.Equal(("childWorkflow", "o-7-payment-1", "payment", "complete"), (payment["type"]!.GetValue<string>(),
            payment["instanceId"]!.GetValue<string>(), payment["workflow"]!.GetValue<string>(), payment["status"]!.GetValue<string>()));
        var child = await client.GetFromJsonAsync<JsonObject>($"/v1/tenants/{tenant}/instances/o-7-payment-1");
        Assert.Equal(("complete", "o-7", "payment"), (child!["status"]!.GetValue<string>(), child["parent"]!["id"]!.GetValue<string>(),
            child["parent"]!["step"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Order_saga_refunds_and_releases_when_the_approval_is_refused()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "orders");
        await ApiClient.DeployAsync(client, tenant, SampleTenants.Dll("Samples.OrderSaga"));
        await ApiClient.CreateAsync(client, tenant, "order", new { orderId = "o-8", amount = 5.0, items = new[] { "pen" }, coolOffSeconds = 0 }, "o-8");
        await ApiClient.WaitForStatusAsync(client, tenant, "o-8", "waiting");
        await ApiClient.SendEventAsync(client, tenant, "o-8", "approval", new { approved = false, by = "bob" });

        var done = await ApiClient.WaitForStatusAsync(client, tenant, "o-8", "errored");
        Assert.Equal("OrderRejectedException", done["error"]!["name"]!.GetValue<string>());
        var steps = done["steps"]!.AsArray();
        Assert.All(steps.Where(s => s!["name"]!.GetValue<string>() is "reserve" or "charge"),
            s => Assert.Equal("complete", s!["rollback"]!["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Batch_job_fans_out_chunks_in_parallel_and_combines_them()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "batch");
        await ApiClient.DeployAsync(client, tenant, SampleTenants.Dll("Samples.BatchJob"));

        var done = await ApiClient.CreateAsync(client, tenant, "batch", new { records = 1000, chunkSize = 100 }, wait: "60s");

        Assert.Equal("complete", done["status"]!.GetValue<string>());
        Assert.Equal(10, done["output"]!["chunks"]!.GetValue<int>());
        Assert.Equal(1000, done["output"]!["records"]!.GetValue<int>());
        Assert.Equal(10, done["steps"]!.AsArray().Count(s => s!["name"]!.GetValue<string>() == "process-chunk"));
    }

    [Fact]
    public async Task Agent_loop_chooses_tools_from_earlier_results_until_it_answers()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "agent");
        await ApiClient.DeployAsync(client, tenant, SampleTenants.Dll("Samples.AgentLoop"));

        var done = await ApiClient.CreateAsync(client, tenant, "agent", new { goal = "what is 12 * 7 + 3", maxTurns = 8 }, wait: "60s");

        Assert.Equal("complete", done["status"]!.GetValue<string>());
        Assert.Equal("87", done["output"]!["answer"]!.GetValue<string>());
        Assert.Equal(2, done["output"]!["transcript"]!.AsArray().Count);
    }

    [Fact]
    public async Task Agent_loop_continues_as_new_every_n_turns_carrying_its_transcript()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "agent-can");
        await ApiClient.DeployAsync(client, tenant, SampleTenants.Dll("Samples.AgentLoop"));

        var done = await ApiClient.CreateAsync(client, tenant, "agent",
            new { goal = "what is 1 + 2 + 3 + 4 + 5", maxTurns = 8, continueEvery = 2 }, wait: "60s");

        Assert.Equal("complete", done["status"]!.GetValue<string>());
        Assert.Equal("15", done["output"]!["answer"]!.GetValue<string>());
        Assert.Equal([1, 2, 3, 4], done["output"]!["transcript"]!.AsArray().Select(t => t!["number"]!.GetValue<int>()));
        // Two turns per run: runs 1 and 2 ran two tool turns each, run 3 answered.
        Assert.Equal(3, done["run"]!.GetValue<int>());
        Assert.Equal(2, done["runs"]!.AsArray().Count);
        Assert.Equal(["plan"], done["steps"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()));
    }
}
