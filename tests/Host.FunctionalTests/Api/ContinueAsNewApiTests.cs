using System.Text.Json.Nodes;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Api;

/// <summary>Continue-as-new seen from outside: <c>?wait=</c>, the describe shape and the live stream across runs.</summary>
public sealed class ContinueAsNewApiTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static readonly byte[] Tenant = TestAssemblies.Compile("Continue.Tenant", """
        namespace Continue;

        [Workflow("countdown")]
        public sealed class Countdown : Workflow<int, string>
        {
            public override async Task<string> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct)
            {
                var left = await step.Do("tick", ctx => Task.FromResult(e.Payload));
                if (left > 0)
                {
                    throw step.ContinueAsNew(left - 1);
                }

                return "lift-off";
            }
        }

        [Workflow("relay")]
        public sealed class Relay : Workflow<int, int>
        {
            public override async Task<int> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct)
            {
                var next = await step.WaitForEvent<int>("next", new WaitForEventOptions { Type = "next", Timeout = TimeSpan.FromDays(1) });
                if (e.Payload < 3)
                {
                    throw step.ContinueAsNew(e.Payload + 1);
                }

                return (e.Payload * 100) + next.Payload;
            }
        }
        """);

    [Fact]
    public async Task Wait_answers_when_the_instance_really_ends_and_describe_shows_run_and_the_earlier_runs()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "can-wait");
        await ApiClient.DeployAsync(client, tenant, Tenant);

        var ended = await ApiClient.CreateAsync(client, tenant, "countdown", 3, "c-1", wait: "60s");

        Assert.Equal("complete", ended["status"]!.GetValue<string>());
        Assert.Equal("lift-off", ended["output"]!.GetValue<string>());
        Assert.Equal(4, ended["run"]!.GetValue<int>());
        Assert.Equal(0, ended["params"]!.GetValue<int>());
        var runs = ended["runs"]!.AsArray();
        Assert.Equal([1, 2, 3], runs.Select(r => r!["run"]!.GetValue<int>()));
        Assert.All(runs, r => Assert.Equal(["run", "startedAt", "endedAt"], r!.AsObject().Select(p => p.Key)));
        Assert.All(runs, r => Assert.True(r!["startedAt"]!.GetValue<DateTimeOffset>() <= r["endedAt"]!.GetValue<DateTimeOffset>()));
        var step = Assert.Single(ended["steps"]!.AsArray());
        Assert.Equal(0, step!["output"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_stream_goes_on_across_continues_with_a_continuedAsNew_event_and_ids_that_keep_increasing()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "can-stream");
        await ApiClient.DeployAsync(client, tenant, Tenant);
        await ApiClient.CreateAsync(client, tenant, "relay", 1, "r-1");
        await ApiClient.WaitForStatusAsync(client, tenant, "r-1", "waiting");
        using var stream = await ServerSentEvents.OpenAsync(client, tenant, "r-1");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var events = new List<ServerSentEvent>();

        async Task ReadUntil(Func<ServerSentEvent, bool> until)
        {
            while (await stream.NextAsync(timeout.Token) is { } next)
            {
                events.Add(next);
                if (until(next))
                {
                    return;
                }
            }
        }

        // Each event is sent once the run's wait shows on the stream, so it is that run that takes it.
        for (var run = 1; run <= 3; run++)
        {
            await ReadUntil(e => e.Kind == "step" && Field(e, "status") == "waiting");
            await ApiClient.SendEventAsync(client, tenant, "r-1", "next", run);
        }

        await ReadUntil(e => e.Kind == "end");

        Assert.Equal([2, 3], events.Where(e => e.Kind == "continuedAsNew").Select(e => JsonNode.Parse(e.Data)!["run"]!.GetValue<int>()));
        // After each continue the next run's own events follow: queued, running, its wait.
        var afterFirst = events.SkipWhile(e => e.Kind != "continuedAsNew").Skip(1).Take(3).ToList();
        Assert.Equal([("status", "queued"), ("status", "running"), ("step", "next")],
            afterFirst.Select(e => (e.Kind, e.Kind == "step" ? Field(e, "name") : Field(e, "status"))));
        Assert.Equal(("status", "complete"), (events[^2].Kind, Field(events[^2], "status")));
        Assert.Equal("end", events[^1].Kind);
        var ids = events.Where(e => e.Id is not null).Select(e => e.Id!.Value).ToList();
        Assert.Equal(ids.Order().Distinct(), ids);
        Assert.Equal(303, (await ApiClient.DescribeAsync(client, tenant, "r-1"))["output"]!.GetValue<int>());
    }

    private static string? Field(ServerSentEvent e, string name) =>
        e.Data.StartsWith('{') ? JsonNode.Parse(e.Data)?[name]?.ToString() : null;
}
