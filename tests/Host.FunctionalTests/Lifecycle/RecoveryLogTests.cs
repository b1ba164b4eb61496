using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Lifecycle;

/// <summary>
/// After a <c>kill -9</c>, the restarted host's own output says what it recovered: an operator who restarts a node
/// sees how many instances resumed and how many timers were armed again, not only the web server's lines.
/// </summary>
public sealed class RecoveryLogTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_host_killed_with_running_instances_logs_its_recovery_summary_when_it_restarts()
    {
        using var dir = new TempDataDir();
        using (var first = HostProcess.Start(dir.Path))
        {
            using var admin = Client(await first.WaitUntilListeningAsync(Deadline), HostProcess.AdminKey);
            var created = await admin.PostAsJsonAsync("/v1/tenants", new { id = "busy" });
            await ApiClient.EnsureAsync(created, HttpStatusCode.Created);
            using var client = Client(admin.BaseAddress!, (await created.Content.ReadFromJsonAsync<JsonObject>())!["apiKey"]!.GetValue<string>());
            await ApiClient.DeployAsync(client, "busy", Workflows);
            foreach (var id in new[] { "held-1", "held-2" })
            {
                await ApiClient.CreateAsync(client, "busy", "held", null, id);
                await ApiClient.WaitForStatusAsync(client, "busy", id, "running");
            }

            await ApiClient.CreateAsync(client, "busy", "nap", null, "napper");
            await ApiClient.WaitForStatusAsync(client, "busy", "napper", "waiting");
            await first.KillAsync(Deadline);
            Assert.DoesNotContain("Recovery done: 2", first.Output, StringComparison.Ordinal);
        }

        using var second = HostProcess.Start(dir.Path);
        await second.WaitUntilListeningAsync(Deadline);
        const string Summary = "Recovery done: 2 instances resumed and 1 timers armed over 1 tenants (0 frozen, left stopped until unfrozen), in ";
        var output = await Eventually.Until(() => second.Output, o => o.Contains(Summary, StringComparison.Ordinal), "the recovery summary", Deadline);
        Assert.Contains($"Skein.Host.Engine.TenantRuntimes[{EventIds.NodeRecovered}]", output, StringComparison.Ordinal);
    }

    private static HttpClient Client(Uri address, string key)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static readonly byte[] Workflows = TestAssemblies.Compile("Recovery.Tenant", """
        namespace Recovery;

        [Workflow("held")]
        public sealed class HeldWorkflow : Workflow<object?, int>
        {
            public override Task<int> RunAsync(WorkflowEvent<object?> e, WorkflowStep step, CancellationToken ct) =>
                step.Do("hold", async ctx =>
                {
                    await Task.Delay(Timeout.Infinite, ctx.CancellationToken);
                    return 0;
                });
        }

        [Workflow("nap")]
        public sealed class NapWorkflow : Workflow<object?, string>
        {
            public override async Task<string> RunAsync(WorkflowEvent<object?> e, WorkflowStep step, CancellationToken ct)
            {
                await step.Sleep("nap", TimeSpan.FromHours(1));
                return "rested";
            }
        }
        """);
}
