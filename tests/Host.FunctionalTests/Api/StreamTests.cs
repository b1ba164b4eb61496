using System.Net;
using System.Text.Json.Nodes;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Api;

/// <summary>The live stream sends the whole history before <c>end</c>, and its event ids are never reused.</summary>
public sealed class StreamTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static readonly byte[] Steps = TestAssemblies.Compile("Steps.Tenant", """
        namespace Steps;

        [Workflow("steps")]
        public sealed class StepsWorkflow : Workflow<int, int>
        {
            public override async Task<int> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct)
            {
                var sum = 0;
                for (var i = 0; i < e.Payload; i++)
                {
                    sum += await step.Do("add", ctx => Task.FromResult(1));
                }

                return sum;
            }
        }
        """);

    [Fact]
    public async Task The_stream_of_a_finished_instance_with_600_steps_sends_every_step_and_the_final_status_before_end()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "stream");
        await ApiClient.DeployAsync(client, tenant, Steps);
        await ApiClient.CreateAsync(client, tenant, "steps", 600, "long");
        // 600 durable commits one after another: on a loaded machine that takes longer than the default deadline.
        await Eventually.UntilAsync(() => ApiClient.DescribeAsync(client, tenant, "long"),
            d => d["status"]!.GetValue<string>() == "complete", "instance long to finish its 600 steps", TimeSpan.FromMinutes(5));

        using var stream = await ServerSentEvents.OpenAsync(client, tenant, "long");
        var events = await stream.ReadToEndAsync();

        Assert.Equal(600, events.Count(e => e.Kind == "step" && Field(e, "status") == "complete"));
        Assert.Equal(Enumerable.Range(1, 600), events.Where(e => e.Kind == "step" && Field(e, "status") == "complete").Select(e => int.Parse(Field(e, "count")!, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(("status", "complete"), (events[^2].Kind, Field(events[^2], "status")));
        Assert.Equal("end", events[^1].Kind);
        var ids = events.Where(e => e.Id is not null).Select(e => e.Id!.Value).ToList();
        Assert.Equal(ids.Order().Distinct(), ids);
    }

    [Fact]
    public async Task A_client_resuming_an_instance_deleted_and_created_again_receives_the_whole_new_run()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "again");
        await ApiClient.DeployAsync(client, tenant, Steps);
        await ApiClient.CreateAsync(client, tenant, "steps", 3, "again");
        await ApiClient.WaitForStatusAsync(client, tenant, "again", "complete");
        List<ServerSentEvent> firstRun;
        using (var stream = await ServerSentEvents.OpenAsync(client, tenant, "again"))
        {
            firstRun = await stream.ReadToEndAsync();
        }

        var lastSeen = firstRun.Last(e => e.Id is not null).Id!.Value;
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/v1/tenants/{tenant}/instances/again")).StatusCode);
        await ApiClient.CreateAsync(client, tenant, "steps", 3, "again");
        await ApiClient.WaitForStatusAsync(client, tenant, "again", "complete");

        using var resumed = await ServerSentEvents.OpenAsync(client, tenant, "again", lastEventId: lastSeen);
        var secondRun = await resumed.ReadToEndAsync();

        // The client's cursor names an event of the deleted run: it is told to start over, then gets the new run.
        Assert.Equal("reset", secondRun[0].Kind);
        Assert.Equal(firstRun.Select(e => (e.Kind, Field(e, "status"))), secondRun.Skip(1).Select(e => (e.Kind, Field(e, "status"))));
        Assert.All(secondRun.Where(e => e.Id is not null), e => Assert.True(e.Id > lastSeen, $"event id {e.Id} was already used by the deleted run (last {lastSeen})"));
    }

    [Fact]
    public async Task A_client_resuming_from_its_last_event_gets_only_what_came_after()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "resume");
        await ApiClient.DeployAsync(client, tenant, Steps);
        await ApiClient.CreateAsync(client, tenant, "steps", 3, "r-1");
        await ApiClient.WaitForStatusAsync(client, tenant, "r-1", "complete");
        List<ServerSentEvent> all;
        using (var stream = await ServerSentEvents.OpenAsync(client, tenant, "r-1"))
        {
            all = await stream.ReadToEndAsync();
        }

        var withIds = all.Where(e => e.Id is not null).ToList();
        using var resumed = await ServerSentEvents.OpenAsync(client, tenant, "r-1", lastEventId: withIds[1].Id);
        var rest = await resumed.ReadToEndAsync();

        Assert.Equal(withIds.Skip(2).Select(e => e.Id), rest.Where(e => e.Id is not null).Select(e => e.Id));
        Assert.Equal("end", rest[^1].Kind);
    }

    private static string? Field(ServerSentEvent e, string name) =>
        e.Data.StartsWith('{') ? JsonNode.Parse(e.Data)?[name]?.ToString() : null;
}
