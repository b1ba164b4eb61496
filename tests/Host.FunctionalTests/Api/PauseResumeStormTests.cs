using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Api;

/// <summary>
/// Pause and resume sent back to back, over and over, to one running instance through the API: every answer is a
/// success or, once the instance has finished, a 409 problem — never a 5xx — and the instance completes with every
/// step run once.
/// </summary>
public sealed class PauseResumeStormTests(HostFixture host) : IClassFixture<HostFixture>
{
    private const int Steps = 40;
    private const int Rounds = 30;

    [Fact]
    public async Task Pause_and_resume_back_to_back_never_fail_and_the_instance_completes_with_each_step_once()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "storm");
        await ApiClient.DeployAsync(client, tenant, TickerDll());
        await ApiClient.CreateAsync(client, tenant, "ticker", Steps, "storm-1");
        var control = $"/v1/tenants/{tenant}/instances/storm-1/";

        var answers = new List<(string Operation, HttpResponseMessage Response)>();
        for (var round = 0; round < Rounds; round++)
        {
            // Sent together: they reach the instance in either order, often while a pause is taking effect.
            var pause = client.PostAsync(control + "pause", null);
            var resume = client.PostAsync(control + "resume", null);
            answers.Add(("pause", await pause));
            answers.Add(("resume", await resume));
        }

        foreach (var (operation, response) in answers)
        {
            await CheckAnswerAsync(operation, response);
        }

        // A pause may have had the last word: resume until it runs to its end.
        var done = await Eventually.UntilAsync(async () =>
        {
            var described = await ApiClient.DescribeAsync(client, tenant, "storm-1");
            if (described["status"]!.GetValue<string>() is "paused" or "waitingForPause")
            {
                await CheckAnswerAsync("resume", await client.PostAsync(control + "resume", null));
            }

            return described;
        }, d => d["status"]!.GetValue<string>() == "complete", "instance storm-1 to complete");

        Assert.Equal(Steps * (Steps - 1) / 2, done["output"]!.GetValue<int>());
        var steps = done["steps"]!.AsArray();
        Assert.Equal(Enumerable.Range(0, Steps).Select(i => $"tick-{i}"), steps.Select(s => s!["name"]!.GetValue<string>()));
        Assert.All(steps, s => Assert.Single(s!["attempts"]!.AsArray()));
    }

    /// <summary>A success naming a status the control can leave the instance in, or a 409 problem once it finished.</summary>
    private static async Task CheckAnswerAsync(string operation, HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.Conflict);
            Assert.Contains("complete", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
            return;
        }

        Assert.True(response.StatusCode == HttpStatusCode.OK,
            $"{operation} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var status = (await response.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>();
        Assert.Contains(status, operation == "pause"
            ? ["waitingForPause", "paused"]
            : new[] { "running", "queued", "waiting" });
    }

    private static byte[] TickerDll() => TestAssemblies.Compile("Ticker.Tenant", """
        namespace Ticker;

        [Workflow("ticker")]
        public sealed class TickerWorkflow : Workflow<int, int>
        {
            public override async Task<int> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct)
            {
                var sum = 0;
                for (var i = 0; i < e.Payload; i++)
                {
                    var n = i;
                    sum += await step.Do("tick-" + n, async ctx => { await Task.Delay(20, ctx.CancellationToken); return n; });
                }

                return sum;
            }
        }
        """);
}
