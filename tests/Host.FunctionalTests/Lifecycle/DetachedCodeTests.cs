using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Skein.Host.Plugins;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Lifecycle;

/// <summary>
/// Tenant code that would outlive its version: timer-like APIs are refused at upload, and a detached loop the scan
/// cannot see is reported once the version is unloaded and its code is still loaded.
/// </summary>
[Collection(NodeWideGauges.Name)]
public sealed class DetachedCodeTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task A_step_that_starts_a_periodic_timer_and_never_awaits_it_is_refused_at_upload()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "timer");
        var dll = TestAssemblies.Compile("Ticker.Tenant", """
            namespace Ticker;

            [Workflow("ticker")]
            public sealed class TickerWorkflow : Workflow<int, int>
            {
                public static int Ticks;

                public override async Task<int> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct) =>
                    await step.Do("start", ctx =>
                    {
                        _ = Loop();
                        return Task.FromResult(1);
                    });

                private static async Task Loop()
                {
                    using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
                    while (await timer.WaitForNextTickAsync())
                    {
                        Ticks++;
                    }
                }
            }
            """);

        using var content = new ByteArrayContent(dll);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var response = await client.PostAsync($"/v1/tenants/{tenant}/deployments", content);

        var problem = await ApiClient.ProblemAsync(response, (HttpStatusCode)422);
        var messages = problem["problems"]!.AsArray().Select(p => p!["message"]!.GetValue<string>()).ToList();
        Assert.Contains(messages, m => m.StartsWith("Ticker.Tenant.dll: type Ticker.TickerWorkflow", StringComparison.Ordinal)
            && m.Contains("creates System.Threading.PeriodicTimer", StringComparison.Ordinal));
        var deployments = await client.GetFromJsonAsync<JsonObject>($"/v1/tenants/{tenant}/deployments");
        Assert.Empty(deployments!["versions"]!.AsArray());
    }

    [Fact]
    public async Task A_deleted_tenant_whose_code_keeps_running_is_logged_and_counted_as_not_collected()
    {
        var logs = LogCapture.On(host.Services);
        var unloaded = host.Services.GetRequiredService<UnloadedContexts>();
        using var admin = host.Client();
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "detached");
        await ApiClient.DeployAsync(client, tenant, DetachedLoop);
        await ApiClient.CreateAsync(client, tenant, "detached", 0, "d-1");
        await ApiClient.WaitForStatusAsync(client, tenant, "d-1", "complete");
        Assert.Equal(0, await NotCollectedAsync(admin));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/tenants/{tenant}")).StatusCode);

        // Each check runs one full collection; the report comes after a bounded number of them.
        for (var check = 0; check < UnloadedContexts.CollectionsBeforeReport + 2 && unloaded.NotCollected == 0; check++)
        {
            unloaded.Check();
        }

        Assert.Equal(1, unloaded.NotCollected);
        Assert.Equal(1, await NotCollectedAsync(admin));
        var warning = Assert.Single(logs.Entries, e => e.Id.Id == 8401);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.StartsWith($"Version 1 of tenant {tenant} was unloaded but its code is still loaded", warning.Message, StringComparison.Ordinal);
    }

    private static async Task<double> NotCollectedAsync(HttpClient admin)
    {
        var text = await admin.GetStringAsync("/metrics");
        var line = text.Split('\n').Single(l => l.StartsWith("skein_load_contexts_not_collected{", StringComparison.Ordinal));
        return double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A step that leaves a loop running on Task.Run and Task.Delay (both allowed: steps await them legitimately).
    /// The loop keeps the version's code on a stack, so its load context cannot be collected; it ends by itself
    /// after ten minutes so that it does not outlive the test run.
    /// </summary>
    private static readonly byte[] DetachedLoop = TestAssemblies.Compile("Detached.Tenant", """
        namespace Detached;

        [Workflow("detached")]
        public sealed class DetachedWorkflow : Workflow<int, int>
        {
            public static int Ticks;

            public override async Task<int> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct) =>
                await step.Do("start", ctx =>
                {
                    _ = Task.Run(async () =>
                    {
                        for (var i = 0; i < 6000; i++)
                        {
                            await Task.Delay(100);
                            Ticks++;
                        }
                    });
                    return Task.FromResult(1);
                });
        }
        """);
}
